"""ics2desk.intake: a haulier's booking list (CSV or XLSX) becomes checked draft ENS (Qt-free).

    from ics2desk.intake import Options, import_list, load, check, commit
    table, mapping = load("bookings.csv", data_dir, Options(customer="Van Dijk"))   # read + guess columns
    mapping.columns[3] = "gross_mass"                                           # the agent's correction
    summary = import_list(None, data_dir, Options(customer="Van Dijk", keep_invalid=True),
                          table=table, mapping=mapping,
                          progress=lambda phase, done, total: ..., cancel=threading.Event())
    summary.text("fr"); summary.to_fix -> [CellFinding(row, column_letter, header, rule, fr/en)]

Modules: reader (CSV/XLSX -> Table), fields (what a list can say, FR/EN header synonyms),
mapping (columns -> fields, saved per customer), values (French numbers, dates), build (base
template, grouping by plate + CMR + date, one ENS per truck with the cell of every value),
findings (validator findings -> cells), batch (check, then one transaction), cli (`import-list`).
"""
from .batch import Cancelled, Options, Outcome, Summary, check, commit, import_list, load
from .fields import FIELDS, BY_NAME
from .findings import CellFinding
from .mapping import Mapping, MappingError
from .reader import ListFileError, Table, read_table

__all__ = ["BY_NAME", "Cancelled", "CellFinding", "FIELDS", "ListFileError", "Mapping", "MappingError", "Options",
           "Outcome", "Summary", "Table", "check", "commit", "import_list", "load", "read_table"]
