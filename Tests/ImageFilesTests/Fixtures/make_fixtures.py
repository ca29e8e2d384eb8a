"""Makes the ImageFiles test pictures (run with the project's Python: .venv/bin/python make_fixtures.py).

Each file is small and its content is what the Swift tests check:
  plain.jpg          16x8 grey ramp, pixel x has level 16*x (no EXIF)
  sideways-exif6.jpg 40x20 as stored (left half red, right half blue) with EXIF orientation 6:
                     upright it is 20x40, red on top, blue below
  truncated.jpg      the first 60% of a 64x64 noisy JPEG
  transparent.png    8x8 RGBA: left half fully transparent, right half opaque black
  grey16.png         4x2 16-bit grey: top row 0, bottom row 65535
  huge-header.png    a PNG whose IHDR claims 100000x100000 pixels, with one small IDAT
  tiny.gif           a 1x1 GIF (not a format the kernel reads)
"""
import struct, zlib, random
from PIL import Image

def ramp():
    im = Image.new("L", (16, 8))
    im.putdata([16 * x for y in range(8) for x in range(16)])
    im.save("plain.jpg", quality=100, subsampling=0)

def sideways():
    im = Image.new("RGB", (40, 20))
    im.putdata([(230, 20, 20) if x < 20 else (20, 20, 230) for y in range(20) for x in range(40)])
    exif = Image.Exif()
    exif[0x0112] = 6
    im.save("sideways-exif6.jpg", quality=95, exif=exif.tobytes())

def truncated():
    random.seed(1)
    im = Image.new("RGB", (64, 64))
    im.putdata([(random.randrange(256), random.randrange(256), random.randrange(256)) for _ in range(64 * 64)])
    im.save("/tmp/full.jpg", quality=90)
    data = open("/tmp/full.jpg", "rb").read()
    open("truncated.jpg", "wb").write(data[: len(data) * 6 // 10])

def transparent():
    im = Image.new("RGBA", (8, 8))
    im.putdata([(0, 0, 0, 0) if x < 4 else (0, 0, 0, 255) for y in range(8) for x in range(8)])
    im.save("transparent.png")

def grey16():
    im = Image.new("I;16", (4, 2))
    im.putdata([0] * 4 + [65535] * 4)
    im.save("grey16.png")

def huge():
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
    idat = chunk(b"IDAT", zlib.compress(b"\0" * 64))
    open("huge-header.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + idat + chunk(b"IEND", b""))

def gif():
    Image.new("P", (1, 1)).save("tiny.gif")

for make in (ramp, sideways, truncated, transparent, grey16, huge, gif):
    make()
