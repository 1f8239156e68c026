package assets

import (
	"bytes"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/webp"
)

// ImageSize returns the width and height in pixels of a PNG, JPEG, GIF or
// WebP image, reading only its header; ok is false for any other file and
// for an image whose header cannot be read. The format is told by the
// file's first bytes, not its name, and each format's DecodeConfig is
// called directly: no decoder is registered with package image, so
// nothing depends on which packages happen to be linked in.
func ImageSize(data []byte) (width, height int, ok bool) {
	var decode func(io.Reader) (image.Config, error)
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		decode = png.DecodeConfig
	case bytes.HasPrefix(data, []byte("\xff\xd8")):
		decode = jpeg.DecodeConfig
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		decode = gif.DecodeConfig
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		decode = webp.DecodeConfig
	default:
		return 0, 0, false
	}
	c, err := decode(bytes.NewReader(data))
	if err != nil || c.Width <= 0 || c.Height <= 0 {
		return 0, 0, false
	}
	return c.Width, c.Height, true
}
