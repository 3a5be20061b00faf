"""A bug in a command is ours, not the agent's: one line on the terminal, the traceback kept in
a report file in the data dir, a distinct exit code."""
from __future__ import annotations


def test_a_bug_in_a_command_is_one_line_and_a_report_file_never_a_traceback(data_dir, monkeypatch, capsys):
    from ics2desk import cli

    cli._load_plugins()

    def broken(args):
        raise ZeroDivisionError("simulated bug")

    configure, _, help_text = cli._COMMANDS["status"]
    monkeypatch.setitem(cli._COMMANDS, "status", (configure, broken, help_text))
    code = cli.main(["status", "ANY"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_BUG
    assert "Traceback" not in err and "internal error (ZeroDivisionError: simulated bug)" in err
    [report] = (data_dir / "crash-reports").iterdir()
    assert "Traceback" in report.read_text() and str(report) in err


def test_an_interrupt_is_a_quiet_exit(data_dir, monkeypatch, capsys):
    from ics2desk import cli

    cli._load_plugins()

    def interrupted(args):
        raise KeyboardInterrupt

    configure, _, help_text = cli._COMMANDS["status"]
    monkeypatch.setitem(cli._COMMANDS, "status", (configure, interrupted, help_text))
    assert cli.main(["status", "ANY"]) == 130
    assert "Traceback" not in capsys.readouterr().err
