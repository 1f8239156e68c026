package syndicate

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/briefing-dev/briefing/internal/content"
)

// The paths of the favicons: the SVG the pages link to, and the ICO that
// browsers ask for at the root when a page names no icon (feed readers,
// bookmarks, older browsers), so that it is not a 404.
const (
	FaviconSVGPath = "favicon.svg"
	FaviconICOPath = "favicon.ico"
)

// faviconSVG draws the briefing's initials on its accent colour.
func faviconSVG(site *content.Site, _ links) ([]byte, error) {
	bg, fg := faviconColours(site.Config.Accent)
	var b bytes.Buffer
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">`)
	fmt.Fprintf(&b, `<rect width="32" height="32" rx="6" fill="%s"/>`, hex(bg))
	if in := initials(site.Config.Title); in != "" {
		size := 16
		if len([]rune(in)) == 1 {
			size = 20
		}
		fmt.Fprintf(&b, `<text x="16" y="16" dy=".35em" text-anchor="middle" font-family="system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif" font-size="%d" font-weight="700" fill="%s">%s</text>`,
			size, hex(fg), html.EscapeString(in))
	}
	b.WriteString("</svg>\n")
	return b.Bytes(), nil
}

// faviconICO is a 32×32 icon in the ICO format, holding one PNG (read by
// every browser since 2007): the accent colour with the initials drawn in a
// 5×7 bitmap font, or a plain square when they are not Latin letters or
// digits.
func faviconICO(site *content.Site, _ links) ([]byte, error) {
	const size = 32
	bg, fg := faviconColours(site.Config.Accent)
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := range size {
		for x := range size {
			if a := cornerCoverage(x, y, size, 6); a > 0 {
				c := bg
				c.A = uint8(math.Round(a * 255))
				img.SetNRGBA(x, y, c)
			}
		}
	}
	in := []rune(initials(site.Config.Title))
	// Each cell of a glyph is 2×2 pixels, widened by one pixel to the
	// right so that strokes are as bold as the SVG's letters.
	const scale, gap = 2, 2
	const glyphWidth = 5*scale + 1
	width := len(in)*glyphWidth + (len(in)-1)*gap
	x0, y0 := (size-width)/2, (size-7*scale)/2
	for i, r := range in {
		g, ok := glyphs[r]
		if !ok {
			continue
		}
		for row := range 7 {
			for col := range 5 {
				if g[row*5+col] != '1' {
					continue
				}
				for dy := range scale {
					for dx := range scale + 1 {
						img.SetNRGBA(x0+i*(glyphWidth+gap)+col*scale+dx, y0+row*scale+dy, fg)
					}
				}
			}
		}
	}
	var p bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	// ICONDIR: reserved, type 1 (icon), one image.
	_ = binary.Write(&b, binary.LittleEndian, [3]uint16{0, 1, 1})
	// ICONDIRENTRY: width, height, no palette, reserved, 1 plane,
	// 32 bits per pixel, the PNG's size and its offset (6 + 16 bytes).
	b.Write([]byte{size, size, 0, 0})
	_ = binary.Write(&b, binary.LittleEndian, [2]uint16{1, 32})
	_ = binary.Write(&b, binary.LittleEndian, [2]uint32{uint32(p.Len()), 22})
	b.Write(p.Bytes())
	return b.Bytes(), nil
}

// initials returns the upper-cased first letters of the first two words
// of title, words being runs of letters and digits: "US–Russia talks in
// Riyadh" gives "UR".
func initials(title string) string {
	var out []rune
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		out = append(out, unicode.ToUpper([]rune(w)[0]))
		if len(out) == 2 {
			break
		}
	}
	return string(out)
}

// faviconColours returns the accent colour (config has checked its form)
// and the one of white and black that contrasts more with it (WCAG
// relative luminance).
func faviconColours(accent string) (bg, fg color.NRGBA) {
	v, err := strconv.ParseUint(strings.TrimPrefix(accent, "#"), 16, 32)
	if err != nil || len(accent) != 7 {
		v, _ = strconv.ParseUint(content.DefaultAccent[1:], 16, 32)
	}
	bg = color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
	lum := func(c uint8) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	l := 0.2126*lum(bg.R) + 0.7152*lum(bg.G) + 0.0722*lum(bg.B)
	if 1.05/(l+0.05) >= (l+0.05)/0.05 {
		return bg, color.NRGBA{R: 255, G: 255, B: 255, A: 255}
	}
	return bg, color.NRGBA{A: 255}
}

func hex(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// cornerCoverage is how much of pixel (x, y) a size×size square with
// corners of radius r covers, from 0 to 1, sampled 4×4 times per pixel.
func cornerCoverage(x, y, size, r int) float64 {
	in := 0
	for sy := range 4 {
		for sx := range 4 {
			px, py := float64(x)+(float64(sx)+0.5)/4, float64(y)+(float64(sy)+0.5)/4
			cx := math.Max(float64(r), math.Min(px, float64(size-r)))
			cy := math.Max(float64(r), math.Min(py, float64(size-r)))
			if (px-cx)*(px-cx)+(py-cy)*(py-cy) <= float64(r*r) {
				in++
			}
		}
	}
	return float64(in) / 16
}

// glyphs is a 5×7 bitmap font of the Latin capitals and digits, row by
// row, enough for the initials of most titles.
var glyphs = map[rune]string{
	'A': "01110100011000111111100011000110001", 'B': "11110100011000111110100011000111110",
	'C': "01110100011000010000100001000101110", 'D': "11110100011000110001100011000111110",
	'E': "11111100001000011110100001000011111", 'F': "11111100001000011110100001000010000",
	'G': "01110100011000010111100011000101111", 'H': "10001100011000111111100011000110001",
	'I': "01110001000010000100001000010001110", 'J': "00111000100001000010000101001001100",
	'K': "10001100101010011000101001001010001", 'L': "10000100001000010000100001000011111",
	'M': "10001110111010110101100011000110001", 'N': "10001100011100110101100111000110001",
	'O': "01110100011000110001100011000101110", 'P': "11110100011000111110100001000010000",
	'Q': "01110100011000110001101011001001101", 'R': "11110100011000111110101001001010001",
	'S': "01111100001000001110000010000111110", 'T': "11111001000010000100001000010000100",
	'U': "10001100011000110001100011000101110", 'V': "10001100011000110001100010101000100",
	'W': "10001100011000110101101011010101010", 'X': "10001100010101000100010101000110001",
	'Y': "10001100010101000100001000010000100", 'Z': "11111000010001000100010001000011111",
	'0': "01110100011001110101110011000101110", '1': "00100011000010000100001000010001110",
	'2': "01110100010000100010001000100011111", '3': "11111000100010000010000011000101110",
	'4': "00010001100101010010111110001000010", '5': "11111100001111000001000011000101110",
	'6': "00110010001000011110100011000101110", '7': "11111000010001000100010000100001000",
	'8': "01110100011000101110100011000101110", '9': "01110100011000101111000010001001100",
}
