"""ics2desk.reuse: what the desk remembers between filings (Qt-free).

    from ics2desk.reuse import book, presets
    book.remember(conn, doc)            # learn parties by EORI + goods descriptions (tables reuse_*)
    book.party(conn, eori) -> dict | None; book.goods_item(conn, description) -> (hs, package type)
    p = presets.load(data_dir)          # crossing presets (user copy wins over the shipped file)
    presets.apply(doc.data, p.by_id("dover-calais-ferry")); p.cutoff_hours(doc.data)
"""
