#!/usr/bin/env bash
# Regenerates the image fixtures that Belamy must read: small PNG and JPEG files made by another
# tool (ImageMagick 6 `convert`), each next to `<file>.txt`, the pixels `convert` itself decodes
# from it (its `txt:` enumeration). The tests compare what Belamy reads against those dumps.
# Run by hand from anywhere; the output is committed. Needs ImageMagick and Python 3.
set -euo pipefail
cd "$(dirname "$0")/Images"

# No date/time chunks, so that regenerating gives the same bytes.
png=(-define png:exclude-chunks=date,time)

# Source pictures, 5×3 (smaller than one JPEG block) and 11×9 (several Adam7 passes, blocks and
# chroma subsampling). Channel values are fractions of 255 that are not multiples of 1/255 in
# 16 bits, so that 16-bit files really hold 16-bit data.
colour() {
  convert -size "$1" xc:black -depth 16 \
    -channel R -fx "(i*47.3+j*17.1)/255" \
    -channel G -fx "(250-i*37.7-j*23.9)/255" \
    -channel B -fx "((i*j*37.3+i*5.5)%255)/255" +channel "$2"
}
with_alpha() {  # alpha from fully transparent (top-left) to opaque (bottom-right)
  convert "$1" -alpha set -channel A -fx "min(1,(i*61.7+j*90.3)/255)" +channel "$2"
}
colour 5x3 /tmp/belamy-colour-5x3.miff
colour 11x9 /tmp/belamy-colour-11x9.miff
with_alpha /tmp/belamy-colour-5x3.miff /tmp/belamy-colour-alpha-5x3.miff

convert /tmp/belamy-colour-5x3.miff -colorspace Gray -depth 8 "${png[@]}" \
  -define png:color-type=0 -define png:bit-depth=8 gray8.png
convert /tmp/belamy-colour-5x3.miff -colorspace Gray "${png[@]}" \
  -define png:color-type=0 -define png:bit-depth=16 gray16.png
convert /tmp/belamy-colour-alpha-5x3.miff -colorspace Gray -depth 8 "${png[@]}" \
  -define png:color-type=4 -define png:bit-depth=8 gray-alpha8.png
convert /tmp/belamy-colour-alpha-5x3.miff -colorspace Gray "${png[@]}" \
  -define png:color-type=4 -define png:bit-depth=16 gray-alpha16.png
convert /tmp/belamy-colour-5x3.miff "${png[@]}" PNG24:rgb8.png
convert /tmp/belamy-colour-5x3.miff "${png[@]}" PNG48:rgb16.png
# No colour-space chunks at all: 16-bit samples must still be read as sRGB, not linear light.
convert /tmp/belamy-colour-5x3.miff -define png:exclude-chunks=date,time,gAMA,cHRM,sRGB,bKGD \
  PNG48:rgb16-untagged.png
convert /tmp/belamy-colour-alpha-5x3.miff "${png[@]}" PNG32:rgba8.png
convert /tmp/belamy-colour-alpha-5x3.miff "${png[@]}" PNG64:rgba16.png
convert /tmp/belamy-colour-5x3.miff "${png[@]}" PNG8:palette.png
convert /tmp/belamy-colour-5x3.miff -threshold 50% -colorspace Gray "${png[@]}" \
  -define png:color-type=0 -define png:bit-depth=1 gray1.png
convert /tmp/belamy-colour-11x9.miff -interlace PNG "${png[@]}" PNG24:interlaced.png
convert /tmp/belamy-colour-5x3.miff -crop 1x1+3+1 +repage "${png[@]}" PNG24:one-pixel.png
# Metadata written by another tool: ImageMagick stores -set comment as a tEXt chunk.
convert /tmp/belamy-colour-5x3.miff -set comment "made by ImageMagick" "${png[@]}" PNG24:comment.png

convert /tmp/belamy-colour-5x3.miff -quality 90 baseline.jpg
convert /tmp/belamy-colour-11x9.miff -quality 90 baseline-11x9.jpg
convert /tmp/belamy-colour-11x9.miff -quality 90 -interlace JPEG progressive.jpg
convert /tmp/belamy-colour-11x9.miff -quality 90 -colorspace Gray gray.jpg
convert /tmp/belamy-colour-11x9.miff -quality 90 -colorspace CMYK cmyk.jpg

# `convert` writes no Exif orientation of its own, so splice a minimal Exif APP1 segment (one IFD
# entry: Orientation) after the JFIF header: big-endian TIFF with orientation 6 (rotate 90°
# clockwise to display) and little-endian with orientation 3 (rotate 180°).
python3 - <<'PYTHON'
import struct
def exif_segment(byte_order, orientation):
    e = '>' if byte_order == b'MM' else '<'
    tiff = byte_order + struct.pack(e + 'HI', 42, 8) + struct.pack(e + 'H', 1)
    tiff += struct.pack(e + 'HHI', 0x0112, 3, 1) + struct.pack(e + 'HH', orientation, 0)
    tiff += struct.pack(e + 'I', 0)
    body = b'Exif\0\0' + tiff
    return b'\xff\xe1' + struct.pack('>H', len(body) + 2) + body
source = open('baseline.jpg', 'rb').read()
jfif_end = 4 + struct.unpack('>H', source[4:6])[0]
for name, order, orientation in [('orientation6.jpg', b'MM', 6), ('orientation3.jpg', b'II', 3)]:
    open(name, 'wb').write(source[:jfif_end] + exif_segment(order, orientation) + source[jfif_end:])
PYTHON

# Reference resizes in linear light: Lanczos (support 3) for enlarging, -scale (area averaging)
# for shrinking by a fractional factor; the tests compare Belamy's resize to these within a level or two.
convert rgb8.png -colorspace RGB -filter Lanczos -resize '13x8!' -colorspace sRGB "${png[@]}" \
  PNG24:rgb8-lanczos-13x8.png
convert rgba8.png -colorspace RGB -filter Lanczos -resize '9x7!' -colorspace sRGB "${png[@]}" \
  PNG32:rgba8-lanczos-9x7.png
convert interlaced.png -colorspace RGB -scale '4x3!' -colorspace sRGB "${png[@]}" PNG24:interlaced-area-4x3.png

# What convert decodes from each file (orientation files: as displayed, after -auto-orient).
for file in *.png baseline.jpg baseline-11x9.jpg progressive.jpg gray.jpg; do
  convert "$file" txt:- > "$file.txt"
done
for file in orientation6.jpg orientation3.jpg; do
  convert "$file" -auto-orient txt:- > "$file.txt"
done
rm -f /tmp/belamy-colour-*.miff
