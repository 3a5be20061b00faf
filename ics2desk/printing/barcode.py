"""The MRN as a Code 128 barcode with its text underneath, as a platypus flowable."""
from __future__ import annotations

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from . import fonts


class MrnBarcode(Flowable):
    """Code 128 of `mrn`, quiet zones included, and the MRN in large type below it.

    bar_width is the narrow module; 0.3 mm (12 mil) scans from laser-printed paper with any desk
    scanner or phone; the truck sheet uses wider bars so a check-in agent can scan through a cab window.
    """

    def __init__(self, mrn: str, bar_width: float = 0.3 * mm, bar_height: float = 14 * mm,
                 font_size: float = 11):
        super().__init__()
        self.mrn = mrn
        self.font_size = font_size
        self.code = Code128(mrn, barWidth=bar_width, barHeight=bar_height, humanReadable=False,
                            quiet=True, lquiet=10 * bar_width, rquiet=10 * bar_width)  # 10X: the Code 128 minimum
        self.width = self.code.width
        self.height = bar_height + font_size * 1.5

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        fonts.register()
        c = self.canv
        self.code.drawOn(c, 0, self.font_size * 1.5)
        c.setFont(fonts.BOLD, self.font_size)
        c.setFillColorRGB(0, 0, 0)
        # Spaced characters: read out over the phone without losing one's place.
        c.drawCentredString(self.width / 2, self.font_size * 0.3, " ".join(_groups(self.mrn)))


def _groups(mrn: str) -> list[str]:
    """MRN in readable groups: year+country, the unique part, interface+procedure+check."""
    if len(mrn) == 18:
        return [mrn[:4], mrn[4:10], mrn[10:15], mrn[15:]]
    return [mrn]
