"""Business continuity (issue 6), Qt-free: which ICS2 component is down, what the fiche réflexe
says to do, which filings are affected, the fallback request and the tracked recovery.

Times are timezone-aware UTC datetimes (naive ones are refused). Everything is cheap except
PDF writing, playbook import and the store adapters: run those in a worker thread. One
IncidentStore / ContinuityDesk per thread (SQLite rule of ics2desk/README.md).

Quick start (what the incident panel does)
------------------------------------------
    from ics2desk.continuity.desk import ContinuityDesk
    from ics2desk.continuity.incidents import IncidentStore
    from ics2desk.continuity.playbook import Library
    from ics2desk.continuity.adapters import (observations_from_attempts, pending_from_store,
                                              record_mrns_from_store, thresholds_from_settings)
    desk = ContinuityDesk(IncidentStore(store.conn), Library().in_force(), thresholds_from_settings(settings))
    new = desk.refresh(observations_from_attempts(store.recent_attempts(failures_only=True)), now)
    for s in desk.board.all(): s.component, s.state, s.age(now), s.part, s.evidence, s.reference
    inc = desk.confirm(component, user, now)      # or desk.declare(component, NoticeReference(...), user, now)
    desk.dismiss(component, user, now)            # a suspicion the agent rejects
    for step, tick in desk.checklist(inc.id): step.display(lang), step.sources, step.contacts, tick
    desk.incidents.tick(inc.id, step.id, user, now) / .untick(...); desk.incidents.timeline(inc.id)
    affected = desk.affected(pending_from_store(store), now)   # -> [AffectedFiling], most urgent first
    req = draft_request(component, [p.document for p in pending], reason, start, duration, lang="fr")
    subject, body = req.email(); req.write_pdf(path)
    desk.incidents.record_sent(inc.id, subject, body, req.lrns, to, user, now)
    desk.suggest_recovery(last_sent=last_success(store.recent_attempts()))  # offer "recovering?"
    desk.recovering(component, now, user, fallback_lrns)   # flags them for retrospective lodging
    record_mrns_from_store(desk.incidents, store, inc.id, now); summary = desk.close_if_done(component, now, user)
    incident_report_pdf(desk.incidents, inc.id, desk.playbook, path, lang, affected, now)

Modules
-------
``components`` - the board. ``Board``: ``.status(Component) -> ComponentStatus`` (``.state``:
    ``State.UP``/``SUSPECTED``/``DECLARED``/``RECOVERING``; ``.since``; ``.age(now)`` = time since
    change; ``.evidence`` [Observation]; ``.reference`` NoticeReference; ``.part`` e.g. "UUM&DS";
    ``.by``), ``.all()``, ``.down()``, ``.apply(inference, now)``, ``.confirm/.dismiss/.declare/
    .recovering/.up``; illegal moves raise ``errors.IllegalTransitionError``. A customs notice is
    referenced by the date and time of the notice: ``NoticeReference(issuer, notice_at, text)``,
    ``str(ref)`` -> "Douane NL notice 2026-04-11 14:30 UTC". ``component_name(c, lang)``.
``detection`` - ``Observation(kind: FailureKind, at, lrn, error, component_hint, part, attempt_id)``
    (a plain record: feed it from anything); ``Thresholds(count=3, window_minutes=10,
    reply_minutes=30, via_provider=True)``; ``detect(observations, now, thresholds) -> [Inference]``
    (``.component``, ``.part``, ``.alternatives``, ``.evidence``, ``.lrns``); ``implicated(kind,
    hint, via_provider)``; ``overdue_replies([SentFiling], now, thresholds)`` makes
    NO_FUNCTIONAL_REPLY observations (registered but no assessment -> national system).
``adapters`` - from ics2desk.store: ``observations_from_attempts(store.recent_attempts())``,
    ``pending_from_store(store)`` (queued + sent), ``sent_from_store(store)``, ``last_success(attempts)``,
    ``record_mrns_from_store(...)``, ``cutoffs_from_settings(settings)`` (option continuity_cutoff_minutes),
    ``thresholds_from_settings(settings)`` (options continuity_count / continuity_window_minutes /
    continuity_via_provider, declared in ics2desk.options).
``playbook`` - the fiche réflexe as versioned data (resources/playbook/fiche-reflexe-v*.json,
    checked against resources/playbook/playbook.schema.json by ``schemacheck``, a built-in subset
    validator; plus cross-references: a step without a known source does not load).
    ``Library(data_dir=None)``: ``.versions()``, ``.in_force()``, ``.set_in_force(v)``,
    ``.import_file(path)``. ``Playbook``: ``.version``, ``.title(lang)``, ``.section(component,
    phase)``, ``.steps_for(component)``, ``.step(id)``; ``PHASES`` = symptoms, immediate, contact,
    pending, fallback, recovery (``PHASE_TITLES``). ``Step``: ``.id``, ``.phase``, ``.text(lang)``,
    ``.confirmed``, ``.display(lang)`` (adds "to confirm with the official fiche réflexe"),
    ``.sources`` (``Source.label(lang)`` = document + date), ``.contacts`` (``.role(lang)``,
    ``.channel(lang)`` incl. the address).
``deadlines`` - ``PendingFiling(lrn, state QUEUED|UNANSWERED, document, since)``;
    ``Cutoffs(minutes={"ferry": 60, "shuttle": 60, ...})`` (road: 1 h before arrival, per
    crossing); ``affected_filings(...)`` -> ``AffectedFiling`` (``.lrn``, ``.state``, ``.trucks``,
    ``.crossing``, ``.arrival``, ``.deadline``, ``.time_left(now)``, ``.overdue(now)``,
    ``.describe_left(now, lang)``).
``incidents`` - ``IncidentStore(conn | path | None)``: tables ``continuity_*`` in the store's file.
    ``.open``, ``.get``, ``.active()``, ``.active_for(c)``, ``.history()``, ``.log``, ``.timeline``
    (``Event.message(lang)``), ``.tick/.untick/.ticks``, ``.record_sent/.sent_requests``,
    ``.flag_for_retrospective/.record_mrn/.retrospective/.outstanding``, ``.close_incident(id, now,
    user, force=False) -> {"fr", "en"} summary`` (refused while fallback filings lack an MRN),
    ``.save_board/.load_board``, ``.close()`` (the connection, if it opened it).
``fallback`` - ``draft_request(...) -> FallbackRequest`` (``.email() -> (subject, body)``,
    ``.write_pdf(path)``, ``.lrns``, ``.header_lines()``).
``pdf`` - ``incident_report_pdf(store, incident_id, playbook, path, lang, affected, now)``.
``desk`` - ``ContinuityDesk``: the workflow above in one object; ``.suggest_recovery(last_sent,
    last_reply, last_assessment)`` lists down components with a newer sign of life.
``cli`` - ``ics2desk continuity check|import|export|versions|use|show|status``.
"""
