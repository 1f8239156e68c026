package syndicate

import (
	"bytes"
	"encoding/binary"
	"image/png"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

func TestInitials(t *testing.T) {
	tests := []struct{ title, want string }{
		{"US–Russia talks in Riyadh", "UR"},
		{"council budget vote", "CB"},
		{"Brexit", "B"},
		{"Переговоры в Эр-Рияде", "ПВ"},
		{"  2026: the vote", "2T"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := initials(tc.title); got != tc.want {
			t.Errorf("initials(%q) = %q; want %q", tc.title, got, tc.want)
		}
	}
}

func TestFavicons(t *testing.T) {
	site := &content.Site{Config: content.Config{Title: "Budget <vote> & more", Accent: "#ffd700"}}
	svg, err := faviconSVG(site, links{})
	if err != nil {
		t.Fatal(err)
	}
	// A light accent gets black letters; the initials are escaped.
	for _, want := range []string{`fill="#ffd700"`, `fill="#000000">BV</text>`} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("faviconSVG = %s; want it to hold %s", svg, want)
		}
	}
	site.Config.Accent = content.DefaultAccent
	svg, _ = faviconSVG(site, links{})
	if !bytes.Contains(svg, []byte(`fill="#ffffff">BV</text>`)) {
		t.Errorf("faviconSVG on the default accent = %s; want white letters", svg)
	}

	ico, err := faviconICO(site, links{})
	if err != nil {
		t.Fatal(err)
	}
	var head struct {
		Reserved, Type, Count uint16
		W, H, Colours, _      uint8
		Planes, Bits          uint16
		Size, Offset          uint32
	}
	if err := binary.Read(bytes.NewReader(ico), binary.LittleEndian, &head); err != nil {
		t.Fatal(err)
	}
	if head.Type != 1 || head.Count != 1 || head.W != 32 || head.H != 32 || head.Bits != 32 || head.Offset != 22 || int(head.Size) != len(ico)-22 {
		t.Fatalf("favicon.ico header = %+v", head)
	}
	img, err := png.Decode(bytes.NewReader(ico[22:]))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 32 || b.Dy() != 32 {
		t.Errorf("favicon.ico image is %v; want 32×32", b)
	}
	// The corner is transparent, the middle of the edge is the accent.
	if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
		t.Errorf("corner pixel alpha = %d; want 0", a)
	}
	if r, g, b, _ := img.At(16, 1).RGBA(); r>>8 != 0x0b || g>>8 != 0x57 || b>>8 != 0xa4 {
		t.Errorf("edge pixel = %x %x %x; want the accent 0b57a4", r>>8, g>>8, b>>8)
	}
}

func TestSiteMakesFavicons(t *testing.T) {
	files, err := Site(&content.Site{Config: content.Config{Title: "T", Accent: content.DefaultAccent}})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	got := strings.Join(paths, " ")
	for _, want := range []string{FaviconICOPath, FaviconSVGPath} {
		if !strings.Contains(got, want) {
			t.Errorf("Site made %s; want %s among them", got, want)
		}
	}
}
