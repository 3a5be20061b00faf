"""Business continuity (issue 6), Qt-free: which ICS2 component is down, what the fiche réflexe
says to do, which filings are affected, the fallback request and the tracked recovery.

The incident panel (gui/) builds on this API; every call is cheap except PDF writing and
playbook import (run those in a worker). Times are timezone-aware UTC datetimes.

Modules and the API the panel uses
----------------------------------
``components`` - the board.
    ``Board()``; ``board.status(Component.X) -> ComponentStatus`` (``.state``: ``State.UP`` /
    ``SUSPECTED`` / ``DECLARED`` / ``RECOVERING``, ``.since``, ``.age(now)`` = time since change,
    ``.evidence`` (list of ``Observation``), ``.reference`` (``NoticeReference`` for declared),
    ``.part`` e.g. "UUM&DS"); ``board.apply(inference, now)`` (from detection), ``board.confirm(c,
    user, now)``, ``board.dismiss(c, user, now)``, ``board.declare(c, NoticeReference(...), user,
    now)``, ``board.recovering(c, now)``, ``board.up(c, now)``. Illegal moves raise
    ``errors.IllegalTransitionError``. ``board.to_dict()/Board.from_dict()`` for persistence.
    A customs notice is referenced by the date and time of the notice: ``NoticeReference(issuer,
    notice_at, text)``; ``str(ref)`` -> "Douane NL notice 2026-04-11 14:30 UTC".
``detection`` - observations in, inferences out.
    ``Observation(kind: FailureKind, at, lrn=None, error="", component_hint=None, part=None,
    attempt_id=None)``; ``Thresholds(count=3, window_minutes=10, reply_minutes=30, via_provider=True)``;
    ``detect(observations, now, thresholds) -> list[Inference]`` (``.component``, ``.part``,
    ``.alternatives``, ``.evidence``: the observations that count, with LRN, time and error text);
    ``implicated(kind, hint, via_provider) -> (component, part, alternatives)``.
``adapters`` - ``observations_from_attempts(records)`` turns the outbox's attempt records into
    ``Observation``s (see the module docstring for the fields read).
``playbook`` - the fiche réflexe as versioned data (resources/playbook/*.json, validated
    against resources/playbook/playbook.schema.json by a small built-in validator; a step without
    a source does not load).
    ``load_playbook(path) -> Playbook``; ``Library(data_dir)`` -> ``.versions()``,
    ``.in_force()``, ``.import_file(path)`` (official fiche as a new version),
    ``.set_in_force(version)``. ``playbook.section(component, phase)`` -> [Step]; phases are
    ``PHASES`` = symptoms, immediate, contact, pending, fallback, recovery. ``Step.id``,
    ``.text(lang)``, ``.confirmed`` (False -> show ``step.display(lang)`` which adds "to confirm
    with the official fiche réflexe"), ``.sources`` (``Source.label(lang)``: document + date),
    ``.contacts`` (``Contact.role(lang)``, ``.channel(lang)``, ``.address``).
``deadlines`` - ``affected_filings(filings, now, cutoffs) -> [AffectedFiling]`` (``.lrn``,
    ``.state``, ``.trucks``, ``.deadline``, ``.time_left(now)``, ``.overdue``), from
    ``PendingFiling(lrn, state, document, queued_at)``; ``Cutoffs(minutes_by_crossing)``: road
    lodging 1 h before estimated arrival, configurable per crossing (ferry/shuttle).
``incidents`` - ``IncidentStore(conn_or_path)`` (tables ``continuity_*``): ``.open(component,
    now, user, playbook_version, evidence)``, ``.active()``, ``.get(id)``, ``.log(id, now, text,
    user)``, ``.tick(id, step_id, user, now)`` / ``.untick``, ``.ticks(id)``, ``.timeline(id)``,
    ``.close(id, now, user) -> summary text``, ``.save_board(board)``/``.load_board()``.
``fallback`` - ``draft_request(incident, filings, reason, expected_duration, now)`` ->
    ``FallbackRequest`` (``.email(lang) -> (subject, body)``, ``.write_pdf(path, lang)``);
    ``IncidentStore.record_sent(id, request, to, now)``.
``recovery`` - ``IncidentStore.flag_for_retrospective(id, lrns)``, ``.record_mrn(lrn, mrn,
    now)``, ``.outstanding(id)``; ``recovery.close_if_done(store, id, board, now, user)``.
``report`` - ``write_incident_report(store, id, playbook, path, lang)`` (PDF for the audit file).
"""
