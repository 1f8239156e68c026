package serve

import (
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// hostCheck answers 403 to every request whose Host header is not one of
// the server's own addresses. Without it a page on any web site could
// read the preview, drafts included: the site's DNS name first points to
// its own server, then to 127.0.0.1 (DNS rebinding), and the browser
// lets the page fetch from "its" name. A rebound request still carries
// the attacker's name in Host, so the check refuses it.
type hostCheck struct {
	allowed map[string]bool // host:port, lower case, IPs in canonical form
	names   []string        // the same, in order, for the message
	next    http.Handler
}

// newHostCheck serves next to requests for one of hosts (host:port).
func newHostCheck(hosts []string, next http.Handler) *hostCheck {
	hc := &hostCheck{allowed: map[string]bool{}, next: next}
	for _, h := range hosts {
		if k, ok := hostKey(h); ok && !hc.allowed[k] {
			hc.allowed[k] = true
			hc.names = append(hc.names, h)
		}
	}
	return hc
}

func (hc *hostCheck) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if k, ok := hostKey(r.Host); ok && hc.allowed[k] {
		hc.next.ServeHTTP(w, r)
		return
	}
	msg := fmt.Sprintf("forbidden: this preview answers only to its own address (%s), not to host %q.\n"+
		"It refuses other names so that no web page can reach it by pointing a name of its own at this machine (DNS rebinding).",
		strings.Join(hc.names, ", "), r.Host)
	if len(hc.names) > 0 {
		msg += "\nOpen http://" + hc.names[0] + "/ instead."
	}
	http.Error(w, msg, http.StatusForbidden)
}

// hostKey is the form in which hosts are compared: lower case, the port
// made explicit (80 when a browser leaves it out) and an IP address
// written the one way net.IP writes it. It reports false for a Host that
// is not host[:port].
func hostKey(hostport string) (string, bool) {
	host, port := hostport, "80"
	if h, p, err := net.SplitHostPort(hostport); err == nil {
		host, port = h, p
	} else if strings.HasPrefix(hostport, "[") && strings.HasSuffix(hostport, "]") {
		host = hostport[1 : len(hostport)-1]
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil || host == "" {
		return "", false
	}
	if ip := net.ParseIP(host); ip != nil {
		host = ip.String()
	}
	return net.JoinHostPort(strings.ToLower(host), port), true
}

// ownHosts lists the Host values the preview answers to when listening on
// addr: the bound address, localhost and 127.0.0.1, and bind (the host
// named by --bind, such as "localhost" or "::1"), each with the port
// listened on. Bound to every interface (0.0.0.0 or ::), it answers to
// [::1] and each address ifaces returns too: that is how other machines
// reach it. IP addresses are safe to allow: a rebound name never arrives
// as one.
func ownHosts(addr net.Addr, bind string, ifaces func() []net.IP) []string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return []string{addr.String()}
	}
	port := strconv.Itoa(tcp.Port)
	var hosts []string
	add := func(h string) {
		if hp := net.JoinHostPort(h, port); !slices.Contains(hosts, hp) {
			hosts = append(hosts, hp)
		}
	}
	if tcp.IP.IsUnspecified() {
		add("127.0.0.1")
	} else {
		add(tcp.IP.String())
	}
	add("localhost")
	add("127.0.0.1")
	if ip := net.ParseIP(bind); bind != "" && (ip == nil || !ip.IsUnspecified()) {
		add(bind)
	}
	if tcp.IP.IsUnspecified() {
		add("::1")
		for _, ip := range ifaces() {
			add(ip.String())
		}
	}
	return hosts
}

// interfaceIPs returns this machine's addresses, for a server bound to all
// of them; nil when they cannot be read.
func interfaceIPs() []net.IP {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var ips []net.IP
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			ips = append(ips, n.IP)
		}
	}
	return ips
}
