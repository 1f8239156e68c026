package assets

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
)

// webpHeader returns the first bytes of a lossless WebP file of w x h
// pixels: enough for its size to be read.
func webpHeader(w, h int) []byte {
	var vp8l bytes.Buffer
	vp8l.WriteByte(0x2f)
	_ = binary.Write(&vp8l, binary.LittleEndian, uint32(w-1)|uint32(h-1)<<14)
	vp8l.WriteByte(0) // padding to an even length
	var b bytes.Buffer
	b.WriteString("RIFF")
	_ = binary.Write(&b, binary.LittleEndian, uint32(4+8+vp8l.Len()))
	b.WriteString("WEBPVP8L")
	_ = binary.Write(&b, binary.LittleEndian, uint32(vp8l.Len()-1))
	b.Write(vp8l.Bytes())
	return b.Bytes()
}

func TestImageSize(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 7, 3))
	var p, j, g bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&j, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&g, img, nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		w, h int
		ok   bool
	}{
		{"png", p.Bytes(), 7, 3, true},
		{"jpeg", j.Bytes(), 7, 3, true},
		{"gif", g.Bytes(), 7, 3, true},
		{"webp", webpHeader(20, 10), 20, 10, true},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>`), 0, 0, false},
		{"truncated png", p.Bytes()[:12], 0, 0, false},
		{"empty", nil, 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, h, ok := ImageSize(tc.data)
			if w != tc.w || h != tc.h || ok != tc.ok {
				t.Errorf("ImageSize(%s) = %d, %d, %v; want %d, %d, %v", tc.name, w, h, ok, tc.w, tc.h, tc.ok)
			}
		})
	}
}
