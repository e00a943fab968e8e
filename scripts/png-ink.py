#!/usr/bin/env python3
"""Prints how much of a PNG is drawn: `WIDTH HEIGHT INK`, INK the share (0-1) of pixels that differ
from the top-left pixel (the page background). Standard library only (zlib), for the report test
that checks headless Chromium's screenshot of `costtop report --format html` is not blank.

usage: png-ink.py FILE.png   (8-bit greyscale, RGB or RGBA, not interlaced: what Chromium writes)
"""
import struct, sys, zlib


def main(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        sys.exit("unsupported PNG layout")
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    background, ink = None, 0
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upleft = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - upleft
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upleft)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else upleft)) & 255
        if background is None:
            background = bytes(line[:channels])
        for x in range(0, stride, channels):
            if line[x:x + channels] != background:
                ink += 1
        previous = line
    print(width, height, "%.4f" % (ink / (width * height)))


if __name__ == "__main__":
    main(sys.argv[1])
