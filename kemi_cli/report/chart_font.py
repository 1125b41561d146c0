"""How wide a line of chart text is, without a font library: the advance widths of Inter
Regular (templates/assets/fonts/Inter-Regular.otf, the font the documents use), in thousandths
of an em, for the characters that period labels, formatted values and legends use.

A chart only needs widths to keep labels apart and inside the drawing, so an estimate that errs
wide is right: characters not in the table count as wide ones, and every width is padded for
the fallback fonts a standalone SVG may be shown in. tests/test_chart_geometry.py checks the
table against the shipped font.
"""

from __future__ import annotations

INTER_REGULAR_WIDTHS = {
    ' ': 281, '!': 278, '"': 403, '#': 631, '$': 638, '%': 812, '&': 639, "'": 222, '(': 362, ')': 362,
    '*': 500, '+': 659, ',': 280, '-': 460, '.': 276, '/': 357, '0': 625, '1': 464, '2': 605, '3': 636,
    '4': 642, '5': 608, '6': 624, '7': 571, '8': 616, '9': 624, ':': 276, ';': 280, '<': 659, '=': 659,
    '>': 659, '?': 507, '@': 936, 'A': 676, 'B': 651, 'C': 727, 'D': 719, 'E': 598, 'F': 587, 'G': 743,
    'H': 740, 'I': 264, 'J': 543, 'K': 652, 'L': 562, 'M': 889, 'N': 753, 'O': 761, 'P': 635, 'Q': 761,
    'R': 639, 'S': 638, 'T': 642, 'U': 741, 'V': 676, 'W': 949, 'X': 642, 'Y': 665, 'Z': 625, '[': 362,
    '\\': 357, ']': 362, '^': 469, '_': 452, '`': 497, 'a': 564, 'b': 621, 'c': 558, 'd': 621, 'e': 582,
    'f': 361, 'g': 609, 'h': 591, 'i': 237, 'j': 237, 'k': 544, 'l': 237, 'm': 869, 'n': 585, 'o': 597,
    'p': 609, 'q': 609, 'r': 372, 's': 523, 't': 364, 'u': 581, 'v': 557, 'w': 812, 'x': 540, 'y': 557,
    'z': 541, '{': 362, '|': 327, '}': 362, '~': 659, '\xa0': 281, '\xe4': 564, '\xf6': 597, '\xe5': 564,
    '\xc4': 676, '\xd6': 761, '\xc5': 676, '\xe9': 582, '\xfc': 581, '\u20ac': 665, '\u2013': 500,
    '\u2014': 1000, '\u2212': 659, '\u2026': 821, '\xb7': 276,
}
UNKNOWN_WIDTH = 700  # wider than every letter but W, M and symbols
FALLBACK_FONT_PADDING = 1.08  # Noto Sans, Segoe UI and Arial set a little wider than Inter


def text_width(text: str, font_size: float) -> float:
    """The width of `text` set in `font_size` (in the drawing's units), erring wide."""
    thousandths = sum(INTER_REGULAR_WIDTHS.get(character, UNKNOWN_WIDTH) for character in text)
    return thousandths / 1000 * font_size * FALLBACK_FONT_PADDING
