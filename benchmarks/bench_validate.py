"""Validate+serialize an F50 (3 and 1,000 goods items) against bare lxml XSD validation of the
same documents, in the same run. Prints a table; timings are medians of repeated runs.

    .venv/bin/python benchmarks/bench_validate.py
"""
from __future__ import annotations

import statistics
import time

from lxml import etree

from ics2desk import samples
from ics2desk.validate import validate_bytes, validate_document
from ics2desk.xml import schemaset, writer


def median_ms(fn, repeat: int) -> float:
    fn()  # warm-up (schema compile, caches)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    schema = schemaset.schema("IE3F50")
    rows = []
    for items, repeat in ((3, 300), (1000, 15)):
        doc = samples.ferry_filing(items=items)
        xml = writer.to_bytes(doc)
        tree = etree.fromstring(xml)
        assert schema.validate(tree) and validate_document(doc).valid

        def ours_model():  # validate, and get the bytes to send (kept on the report)
            report = validate_document(doc)
            assert report.xml
            return report

        bare = median_ms(lambda: schema.validate(tree), repeat)
        model = median_ms(ours_model, repeat)
        from_bytes = median_ms(lambda: validate_bytes(xml), repeat)
        parse_and_bare = median_ms(lambda: schema.validate(etree.fromstring(xml)), repeat)
        rows.append((items, len(xml), bare, model, parse_and_bare, from_bytes))
    print(f"{'items':>6} {'bytes':>9} {'bare XSD ms':>12} {'validate+serialize ms':>22} {'ratio':>6}"
          f" {'parse+bare ms':>14} {'validate file ms':>17} {'ratio':>6}")
    for items, size, bare, model, pbare, fbytes in rows:
        print(f"{items:>6} {size:>9} {bare:>12.3f} {model:>22.3f} {model / bare:>6.2f}"
              f" {pbare:>14.3f} {fbytes:>17.3f} {fbytes / pbare:>6.2f}")


if __name__ == "__main__":
    main()
