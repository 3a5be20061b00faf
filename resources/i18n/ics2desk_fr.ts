<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
  <context>
    <name>AlertRow</name>
    <message>
      <location filename="../../ics2desk/gui/alerts_bar.py" line="53" />
      <source>truck</source>
      <extracomment>background, text colour per alert kind; the strongest first</extracomment>
      <translation>camion</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/alerts_bar.py" line="56" />
      <source>DO NOT LOAD: this truck must not board</source>
      <translation>NE PAS CHARGER : ce camion ne doit pas embarquer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/alerts_bar.py" line="57" />
      <source>Customs request information</source>
      <translation>La douane demande des informations</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/alerts_bar.py" line="58" />
      <source>ENS rejected by customs</source>
      <translation>ENS rejetée par la douane</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/alerts_bar.py" line="59" />
      <source>Named by customs: {0}</source>
      <translation>Désigné par la douane : {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/alerts_bar.py" line="59" />
      <source>Request: {0}</source>
      <translation>Demande : {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/alerts_bar.py" line="60" />
      <source>Customs said: {0}</source>
      <translation>Réponse de la douane : {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/alerts_bar.py" line="72" />
      <source>Show</source>
      <translation>Afficher</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/alerts_bar.py" line="73" />
      <source>Acknowledge…</source>
      <translation>Prendre connaissance…</translation>
    </message>
  </context>
  <context>
    <name>AlertsBar</name>
    <message numerus="yes">
      <location filename="../../ics2desk/gui/alerts_bar.py" line="164" />
      <source>… and %n more waiting to be acknowledged</source>
      <translation>
        <numerusform>… et %n autre(s) en attente de prise de connaissance</numerusform>
        <numerusform>… et %n autre(s) en attente de prise de connaissance</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/alerts_bar.py" line="134" />
      <location filename="../../ics2desk/gui/alerts_bar.py" line="143" />
      <source>Acknowledge</source>
      <translation>Prise de connaissance</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/alerts_bar.py" line="135" />
      <source>Your name (recorded in the audit trail):</source>
      <translation>Votre nom (enregistré dans le journal d'audit) :</translation>
    </message>
  </context>
  <context>
    <name>AmendmentPreview</name>
    <message>
      <location filename="../../ics2desk/gui/form/amend_preview.py" line="16" />
      <source>What the amendment changes</source>
      <translation>Ce que change la rectification</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/amend_preview.py" line="18" />
      <source>{0}: {1} change(s). Customs get the whole filing again; check these before sending.</source>
      <translation>{0} : {1} modification(s). La douane reçoit de nouveau tout le dépôt ; vérifiez-les avant l'envoi.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/amend_preview.py" line="23" />
      <source>Field</source>
      <translation>Champ</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/amend_preview.py" line="23" />
      <source>Registered</source>
      <translation>Enregistré</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/amend_preview.py" line="23" />
      <source>Amended</source>
      <translation>Rectifié</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/amend_preview.py" line="37" />
      <source>Keep editing</source>
      <translation>Continuer la saisie</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/amend_preview.py" line="38" />
      <source>Send amendment</source>
      <translation>Envoyer la rectification</translation>
    </message>
  </context>
  <context>
    <name>AnswerDialog</name>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="27" />
      <source>Answer the request for information — {0}</source>
      <translation>Répondre à la demande d'informations — {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="34" />
      <source>MRN {0}: customs (IE3Q02) ask the following. Answer each request; the answer is sent as an IE3R02.</source>
      <translation>MRN {0} : la douane (IE3Q02) demande ce qui suit. Répondez à chaque demande ; la réponse part en IE3R02.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="39" />
      <source>Request {0} ({1})</source>
      <translation>Demande {0} ({1})</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="41" />
      <source>(no text given)</source>
      <translation>(aucun texte)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="44" />
      <source>Customs ask:</source>
      <translation>La douane demande :</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="48" />
      <source>Answer:</source>
      <translation>Réponse :</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="51" />
      <source>Attach file…</source>
      <translation>Joindre un fichier…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="51" />
      <source>Remove</source>
      <translation>Supprimer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="58" />
      <source>Attachments:</source>
      <translation>Pièces jointes :</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="71" />
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="73" />
      <source>Validate and queue the answer</source>
      <translation>Valider et mettre la réponse en file</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="91" />
      <source>At most {0} attachments per request</source>
      <translation>Au plus {0} pièces jointes par demande</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="97" />
      <source>Attach file</source>
      <translation>Joindre un fichier</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="116" />
      <source>Type an answer or attach a file before sending.</source>
      <translation>Saisissez une réponse ou joignez un fichier avant l'envoi.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/rfi_dialog.py" line="121" />
      <source>The answer does not follow the IE3R02 schema:</source>
      <translation>La réponse ne respecte pas le schéma IE3R02 :</translation>
    </message>
  </context>
  <context>
    <name>AuditDialog</name>
    <message>
      <location filename="../../ics2desk/gui/filings/audit_dialog.py" line="23" />
      <source>Who did what: {lrn}</source>
      <translation>Qui a fait quoi : {lrn}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/audit_dialog.py" line="26" />
      <source>agency database: every line names the signed-in agent</source>
      <translation>base de l'agence : chaque ligne nomme l'agent connecté</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/audit_dialog.py" line="27" />
      <source>stand-alone: this desk's own record</source>
      <translation>autonome : le registre de ce poste</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/audit_dialog.py" line="28" />
      <source>this desk</source>
      <translation>ce poste</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/audit_dialog.py" line="29" />
      <source>{n} step(s) — {where}</source>
      <translation>{n} étape(s) — {where}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/audit_dialog.py" line="31" />
      <source>When</source>
      <translation>Quand</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/audit_dialog.py" line="31" />
      <source>Agent</source>
      <translation>Agent</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/audit_dialog.py" line="31" />
      <source>Action</source>
      <translation>Action</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/audit_dialog.py" line="31" />
      <source>Detail</source>
      <translation>Détail</translation>
    </message>
  </context>
  <context>
    <name>CrashDialog</name>
    <message>
      <location filename="../../ics2desk/gui/crash_dialog.py" line="35" />
      <source>ics2desk: internal error</source>
      <translation>ics2desk : erreur interne</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/crash_dialog.py" line="37" />
      <source>Something went wrong inside ics2desk. This is a bug, not something you did. What was saved or sent before is kept; check the filing you were working on, then send this report to your support.</source>
      <translation>Une erreur s'est produite dans ics2desk. C'est un défaut du logiciel, pas une erreur de votre part. Ce qui a été enregistré ou envoyé avant est conservé ; vérifiez le dossier en cours, puis envoyez ce rapport à votre support.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/crash_dialog.py" line="41" />
      <source>Report saved in {0}</source>
      <translation>Rapport enregistré dans {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/crash_dialog.py" line="42" />
      <source>The report could not be saved: copy it now.</source>
      <translation>Le rapport n'a pas pu être enregistré : copiez-le maintenant.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/crash_dialog.py" line="47" />
      <source>Copy report</source>
      <translation>Copier le rapport</translation>
    </message>
  </context>
  <context>
    <name>DateTimePicker</name>
    <message>
      <location filename="../../ics2desk/gui/form/datetime_picker.py" line="117" />
      <source>Paris time</source>
      <translation>Heure de Paris</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/datetime_picker.py" line="117" />
      <source>UK time</source>
      <translation>Heure du Royaume-Uni</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/datetime_picker.py" line="119" />
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/datetime_picker.py" line="120" />
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/datetime_picker.py" line="121" />
      <source>Arrows: day, Page Up / Page Down: month, Tab: hour, Enter: take it, Escape: leave the field as it was</source>
      <translation>Flèches : jour, Page préc. / Page suiv. : mois, Tab : heure, Entrée : valider, Échap : laisser le champ tel quel</translation>
    </message>
  </context>
  <context>
    <name>DeclareDialog</name>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="44" />
      <source>Declare down: {0}</source>
      <translation>Déclarer indisponible : {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="50" />
      <source>What the notice says (optional)</source>
      <translation>Ce que dit l'avis (facultatif)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="54" />
      <source>Notice issued by</source>
      <translation>Avis émis par</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="55" />
      <source>Date and time of the notice</source>
      <translation>Date et heure de l'avis</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="56" />
      <source>Notice text</source>
      <translation>Texte de l'avis</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="57" />
      <source>Customs reference a disruption by the date and time of their notice.</source>
      <translation>La douane désigne une interruption par la date et l'heure de son avis.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="61" />
      <source>Declare down</source>
      <translation>Déclarer indisponible</translation>
    </message>
  </context>
  <context>
    <name>DoNotLoadBanner</name>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="31" />
      <source>DO NOT LOAD — customs (IE3Q01) forbid loading these goods. Do not let the truck board. Contact the office of first entry before doing anything else.</source>
      <extracomment>action -&gt; states where the lifecycle allows it (None: always), derived from the lifecycle table</extracomment>
      <translation>NE PAS CHARGER — la douane (IE3Q01) interdit le chargement de ces marchandises. Le camion ne doit pas embarquer. Contactez le bureau de première entrée avant toute autre action.</translation>
    </message>
  </context>
  <context>
    <name>DrillBox</name>
    <message>
      <location filename="../../ics2desk/gui/incidents/drill.py" line="101" />
      <source>Drill: simulated ICS2 outages (demo only)</source>
      <translation>Exercice : pannes ICS2 simulées (démo uniquement)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/drill.py" line="106" />
      <source>End the drill: all up</source>
      <translation>Fin de l'exercice : tout disponible</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/drill.py" line="107" />
      <source>Queue filings while an outage is on: the board suspects the component after a few failed attempts. A held reply is noticed after the reply timeout of the settings.</source>
      <translation>Mettez des déclarations en file pendant la panne : le tableau soupçonne le composant après quelques tentatives échouées. Une réponse retenue est détectée après le délai de réponse des paramètres.</translation>
    </message>
  </context>
  <context>
    <name>DrillController</name>
    <message>
      <location filename="../../ics2desk/gui/incidents/drill.py" line="46" />
      <source>up (no outage)</source>
      <extracomment>the simulator's components (ics2desk.simulator.engine.COMPONENTS) and modes</extracomment>
      <translation>disponible (pas de panne)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/drill.py" line="46" />
      <source>refuse connections</source>
      <translation>refuser les connexions</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/drill.py" line="47" />
      <source>answer 503</source>
      <translation>répondre 503</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/drill.py" line="47" />
      <source>hang (no answer)</source>
      <translation>bloquer (pas de réponse)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/drill.py" line="48" />
      <source>hold replies</source>
      <translation>retenir les réponses</translation>
    </message>
  </context>
  <context>
    <name>DrillMenu</name>
    <message>
      <location filename="../../ics2desk/gui/incidents/drill.py" line="144" />
      <source>&amp;Drill</source>
      <translation>E&amp;xercice</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/drill.py" line="149" />
      <source>End the drill: all up</source>
      <translation>Fin de l'exercice : tout disponible</translation>
    </message>
  </context>
  <context>
    <name>EloBox</name>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="239" />
      <source>Do Not Load: this truck must not board. Do not present this ELO at check-in; contact the office of first entry.</source>
      <translation>Ne pas charger : ce camion ne doit pas embarquer. Ne présentez pas cette ELO à l'enregistrement ; contactez le bureau de première entrée.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="220" />
      <source>No ELO yet: it is prepared when the ENS gets its MRN.</source>
      <translation>Pas encore d'ELO : elle est préparée quand l'ENS reçoit son MRN.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="215" />
      <source>Withheld: an ENS of this envelope may not board. Do not present this ELO at check-in.</source>
      <translation>Retenu : une ENS de cette enveloppe ne peut pas embarquer. Ne présentez pas cette ELO à l'enregistrement.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="225" />
      <source>not created yet</source>
      <translation>pas encore créée</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="226" />
      <source>Token &lt;b&gt;{0}&lt;/b&gt; — file {1} — state &lt;b&gt;{2}&lt;/b&gt; — truck {3}</source>
      <translation>Jeton &lt;b&gt;{0}&lt;/b&gt; — dossier {1} — état &lt;b&gt;{2}&lt;/b&gt; — camion {3}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="228" />
      <source>Prepared: click “Create ELO” to send it to French customs.</source>
      <translation>Préparée : cliquez sur « Créer l'ELO » pour l'envoyer à la douane française.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="229" />
      <source>Waiting to be sent to French customs.</source>
      <translation>En attente d'envoi à la douane française.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="230" />
      <source>Up to date with French customs.</source>
      <translation>À jour avec la douane française.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="231" />
      <source>Refused by French customs.</source>
      <translation>Refusée par la douane française.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="241" />
      <source>Invalidated: this ENS no longer stands and the truck must not board on it. Do not present this ELO at check-in; the truck needs a new ENS.</source>
      <translation>Invalidée : cette ENS n'existe plus et le camion ne doit pas embarquer avec elle. Ne présentez pas cette ELO à l'enregistrement ; le camion a besoin d'une nouvelle ENS.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="248" />
      <source>Do Not Load</source>
      <translation>Ne pas charger</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="248" />
      <source>invalidated</source>
      <translation>invalidée</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="256" />
      <source>ENS {0} ({1}): taken out of this ELO at French customs.</source>
      <translation>ENS {0} ({1}) : retirée de cette ELO auprès de la douane française.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="258" />
      <source>ENS {0} ({1}): taken out before this ELO was sent to French customs.</source>
      <translation>ENS {0} ({1}) : retirée avant l'envoi de cette ELO à la douane française.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="260" />
      <source>ENS {0} ({1}): being taken out of this ELO, waiting for French customs. If the truck checks in before that, remove it from the envelope at the ELO portal.</source>
      <translation>ENS {0} ({1}) : retrait de cette ELO en cours, en attente de la douane française. Si le camion se présente à l'enregistrement avant, retirez-la de l'enveloppe sur le portail ELO.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="262" />
      <source>ENS {0} {1}: remove it from the envelope at the ELO portal before the truck checks in.</source>
      <translation>ENS {0} {1} : retirez-la de l'enveloppe sur le portail ELO avant l'enregistrement du camion.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="265" />
      <source>French customs accept no change by EDI once the envelope is {0}.</source>
      <translation>La douane française n'accepte plus de modification par EDI une fois l'enveloppe {0}.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="272" />
      <source>ENS {0} {1}: still in this ELO, the desk is taking it out. If the truck checks in before that, remove it from the envelope at the ELO portal.</source>
      <translation>ENS {0} {1} : encore dans cette ELO, le poste est en train de la retirer. Si le camion se présente à l'enregistrement avant, retirez-la de l'enveloppe sur le portail ELO.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="286" />
      <source>not sent yet</source>
      <translation>pas encore envoyée</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="288" />
      <source>taken out</source>
      <translation>retirée</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="288" />
      <source>never sent</source>
      <translation>jamais envoyée</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="289" />
      <source>being taken out</source>
      <translation>retrait en cours</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="290" />
      <source>STILL IN THE ELO: act at the portal</source>
      <translation>ENCORE DANS L'ELO : agir sur le portail</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="291" />
      <source>still in the ELO</source>
      <translation>encore dans l'ELO</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="292" />
      <source>ENS rejected: not cleared for boarding</source>
      <translation>ENS rejetée : pas d'embarquement</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="293" />
      <source>ENS not (yet) cleared for boarding</source>
      <translation>ENS pas (encore) validée pour l'embarquement</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="307" />
      <source>French customs' validation: {0}</source>
      <translation>Validation de la douane française : {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="358" />
      <source>ELO — truck's logistics envelope (French customs)</source>
      <translation>ELO — enveloppe logistique obligatoire du camion (douane française)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="359" />
      <source>procédure de secours ICS2</source>
      <translation>procédure de secours ICS2</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="360" />
      <source>MRN</source>
      <translation>MRN</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="360" />
      <source>Type</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="360" />
      <source>Validation</source>
      <translation>Validation</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="361" />
      <source>Create ELO</source>
      <translation>Créer l'ELO</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="362" />
      <source>Refresh</source>
      <translation>Actualiser</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="363" />
      <source>View ELO PDF</source>
      <translation>Voir le PDF de l'ELO</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/elo/box.py" line="364" />
      <source>Create automatically when the MRN arrives</source>
      <translation>Créer automatiquement à l'arrivée du MRN</translation>
    </message>
  </context>
  <context>
    <name>EnsForm</name>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="70" />
      <source>Declaration &amp; lodging person</source>
      <translation>Déclaration et déposant</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="71" />
      <source>Truck, crossing &amp; routing</source>
      <translation>Camion, traversée et itinéraire</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="72" />
      <source>Master consignment</source>
      <translation>Envoi master</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="73" />
      <source>House consignments &amp; goods items</source>
      <translation>Envois house et articles</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="74" />
      <source>Trailer, containers &amp; seals</source>
      <translation>Remorque, conteneurs et scellés</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="81" />
      <source>Buyer = consignee</source>
      <translation>Acheteur = destinataire</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="82" />
      <source>Seller = consignor</source>
      <translation>Vendeur = expéditeur</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="140" />
      <source>Unsaved changes</source>
      <extracomment>a new row in the table the cursor is in (goods item, house consignment, container), from any field of the row: the agent finishing goods item 1 goes on to item 2 without going back up to the table (small lines, a phone or a packaging, have their "+ Add" in the Tab order)</extracomment>
      <translation>Modifications non enregistrées</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="141" />
      <source>This filing has changes that are not saved. They are lost if you open another one.</source>
      <translation>Cette déclaration a des modifications non enregistrées. Elles seront perdues si vous en ouvrez une autre.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="145" />
      <source>Keep editing</source>
      <translation>Continuer la saisie</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="146" />
      <source>Save draft, then continue</source>
      <translation>Enregistrer le brouillon, puis continuer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="148" />
      <source>Discard changes</source>
      <translation>Abandonner les modifications</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="508" />
      <source>assigned on first save (Ctrl+S)</source>
      <translation>attribué au premier enregistrement (Ctrl+S)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="666" />
      <source>fields marked † cannot change (R3024) and are locked; Ctrl+Enter shows what changes before it is sent.</source>
      <translation>les champs marqués † ne peuvent pas changer (R3024) et sont verrouillés ; Ctrl+Entrée montre ce qui change avant l'envoi.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="670" />
      <source>Amending the ENS {0}</source>
      <translation>Modification de l'ENS {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="698" />
      <source>Choose a crossing…</source>
      <translation>Choisir une traversée…</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ics2desk/gui/form/ens_form.py" line="919" />
      <source>%n problem(s)</source>
      <translation>
        <numerusform>%n problème(s)</numerusform>
        <numerusform>%n problème(s)</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="923" />
      <source>Not complete yet</source>
      <translation>Pas encore complète</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="924" />
      <source>Ctrl+Enter lists what is missing</source>
      <translation>Ctrl+Entrée liste ce qui manque</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="927" />
      <source>Ready to queue</source>
      <translation>Prêt à envoyer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="973" />
      <source>Nothing changed: no amendment to send</source>
      <translation>Rien n'a changé : aucune rectification à envoyer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="997" />
      <source>Filing</source>
      <translation>Déclaration</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="998" />
      <source>Crossing</source>
      <translation>Traversée</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="999" />
      <source>Full view (Ctrl+Shift+F)</source>
      <translation>Vue complète (Ctrl+Maj+F)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="1000" />
      <source>Bold labels are mandatory. † cannot be amended once filed (a mistake there means invalidating and re-filing).</source>
      <translation>Les libellés en gras sont obligatoires. † non rectifiable après dépôt (une erreur impose d'invalider et de redéposer).</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="1002" />
      <source>Enter: next empty field. Ctrl+Shift+A: a new goods item.</source>
      <translation>Entrée : champ vide suivant. Ctrl+Maj+A : nouvel article.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="1003" />
      <source>Save (Ctrl+S)</source>
      <translation>Enregistrer (Ctrl+S)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="1004" />
      <source>Validate &amp;&amp; queue (Ctrl+Enter)</source>
      <translation>Valider et envoyer (Ctrl+Entrée)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="1005" />
      <source>Print (Ctrl+P)</source>
      <translation>Imprimer (Ctrl+P)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="1006" />
      <source>Template… (Ctrl+T)</source>
      <translation>Modèle… (Ctrl+T)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/ens_form.py" line="1008" />
      <source>Save as template…</source>
      <translation>Enregistrer comme modèle…</translation>
    </message>
  </context>
  <context>
    <name>FallbackDialog</name>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="103" />
      <source>Fallback request: {0}</source>
      <translation>Demande de procédure de secours : {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="112" />
      <source>unknown</source>
      <translation>inconnue</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="114" />
      <source>Reason</source>
      <translation>Motif</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="115" />
      <source>Start</source>
      <translation>Début</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="116" />
      <source>Expected duration</source>
      <translation>Durée prévue</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="130" />
      <source>Copy e-mail</source>
      <translation>Copier le courriel</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="132" />
      <source>Save PDF…</source>
      <translation>Enregistrer le PDF…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="136" />
      <source>Mark as sent</source>
      <translation>Marquer comme envoyée</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="145" />
      <source>Sent to</source>
      <translation>Envoyée à</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="187" />
      <source>%n declaration(s) in the request</source>
      <translation>
        <numerusform>%n déclaration(s) dans la demande</numerusform>
        <numerusform>%n déclaration(s) dans la demande</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="195" />
      <source>Save the fallback request</source>
      <translation>Enregistrer la demande de procédure de secours</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="199" />
      <source>Writing {0}…</source>
      <translation>Écriture de {0}…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="205" />
      <source>Say to whom the request was sent.</source>
      <translation>Indiquez à qui la demande a été envoyée.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/dialogs.py" line="212" />
      <source>Recorded: sent to {0} at {1} UTC</source>
      <translation>Enregistré : envoyée à {0} à {1} UTC</translation>
    </message>
  </context>
  <context>
    <name>Field</name>
    <message>
      <location filename="../../ics2desk/gui/form/fields.py" line="36" />
      <source>code or name (↓ lists them)</source>
      <translation>code ou nom (↓ pour la liste)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/fields.py" line="38" />
      <source>Paris time: 26/11/26 10:30, 26/11 10h30, now, +2h</source>
      <translation>heure de Paris : 26/11/26 10:30, 26/11 10h30, maintenant, +2h</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/fields.py" line="40" />
      <source>number, {0} decimals max</source>
      <translation>nombre, {0} décimales au plus</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/fields.py" line="42" />
      <source>exactly {0} characters</source>
      <translation>exactement {0} caractères</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/fields.py" line="43" />
      <source>up to {0} characters</source>
      <translation>jusqu'à {0} caractères</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/fields.py" line="376" />
      <source>code list {0}</source>
      <translation>liste de codes {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/fields.py" line="378" />
      <source>rules {0}</source>
      <translation>règles {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/fields.py" line="380" />
      <source>Alt+Down or F4: pick a date and time</source>
      <translation>Alt+Bas ou F4 : choisir une date et une heure</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/fields.py" line="384" />
      <source>cannot be amended once filed (R3024)</source>
      <translation>non rectifiable une fois déposée (R3024)</translation>
    </message>
  </context>
  <context>
    <name>FilingDetail</name>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="114" />
      <source>Select a filing to see its messages.</source>
      <translation>Sélectionnez un dossier pour voir ses messages.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="116" />
      <source>no MRN yet</source>
      <translation>pas encore de MRN</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="166" />
      <source>What customs said</source>
      <translation>Ce que dit la douane</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="166" />
      <source>What to do</source>
      <translation>Que faire</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="176" />
      <source>Hide XML</source>
      <translation>Masquer le XML</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="176" />
      <source>Show XML</source>
      <translation>Afficher le XML</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="184" />
      <source>Edit</source>
      <translation>Modifier</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="184" />
      <source>Amend</source>
      <translation>Rectifier</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="184" />
      <source>Invalidate…</source>
      <translation>Invalider…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="185" />
      <source>Answer request</source>
      <translation>Répondre à la demande</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="185" />
      <source>New filing from this one</source>
      <translation>Nouvelle déclaration à partir de celle-ci</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="186" />
      <source>Print</source>
      <translation>Imprimer</translation>
    </message>
  </context>
  <context>
    <name>FilingsPage</name>
    <message numerus="yes">
      <location filename="../../ics2desk/gui/filings/page.py" line="90" />
      <source>%n filing(s)</source>
      <translation>
        <numerusform>%n dossier(s)</numerusform>
        <numerusform>%n dossier(s)</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/page.py" line="137" />
      <source>Search LRN, MRN, truck, declarant, goods…  (Ctrl+F)</source>
      <translation>Rechercher LRN, MRN, camion, déclarant, marchandises…  (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/page.py" line="138" />
      <source>Print summaries (Ctrl+P)</source>
      <translation>Imprimer les récapitulatifs (Ctrl+P)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/page.py" line="139" />
      <source>ENS summary of every selected filing, in one print</source>
      <translation>Récapitulatif ENS de chaque dossier sélectionné, en une impression</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/page.py" line="140" />
      <source>Print truck sheets</source>
      <translation>Imprimer les fiches camion</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/page.py" line="141" />
      <source>One sheet per truck for the selected filings, MRNs as barcodes</source>
      <translation>Une fiche par camion pour les dossiers sélectionnés, MRN en code-barres</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/page.py" line="144" />
      <source>All states</source>
      <translation>Tous les états</translation>
    </message>
  </context>
  <context>
    <name>IncidentsPanel</name>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="301" />
      <source>Suspected outage: {0} — see the Incidents tab</source>
      <translation>Panne soupçonnée : {0} — voir l'onglet Incidents</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="283" />
      <source>Incident closed: {0}</source>
      <translation>Incident clos : {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="295" />
      <source>Playbook in force: {0} — version {1} ({2})</source>
      <translation>Fiche réflexe en vigueur : {0} — version {1} ({2})</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ics2desk/gui/incidents/panel.py" line="338" />
      <source>%n observation(s) as evidence</source>
      <translation>
        <numerusform>%n observation(s) comme indices</numerusform>
        <numerusform>%n observation(s) comme indices</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="341" />
      <source>up</source>
      <translation>disponible</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="341" />
      <source>suspected down</source>
      <translation>panne soupçonnée</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="342" />
      <source>declared down</source>
      <translation>déclaré indisponible</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="342" />
      <source>recovering</source>
      <translation>en rétablissement</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="349" />
      <source>Since {0} UTC ({1})</source>
      <translation>Depuis le {0} UTC ({1})</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="352" />
      <source>Reference: {0}</source>
      <translation>Référence : {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="354" />
      <source>Last change by {0}</source>
      <translation>Dernière modification par {0}</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ics2desk/gui/incidents/panel.py" line="356" />
      <source>Evidence (%n observation(s))</source>
      <translation>
        <numerusform>Indices (%n observation(s))</numerusform>
        <numerusform>Indices (%n observation(s))</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="373" />
      <source>No open incident for this component. Confirm a suspicion or declare the component down to open one.</source>
      <translation>Aucun incident ouvert pour ce composant. Confirmez une suspicion ou déclarez le composant indisponible pour en ouvrir un.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="380" />
      <source>Incident #{0}, opened {1} UTC by {2}; reference: {3}</source>
      <translation>Incident n° {0}, ouvert le {1} UTC par {2} ; référence : {3}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="406" />
      <source>Tick each step when done: your name and the time are recorded.</source>
      <translation>Cochez chaque étape une fois faite : votre nom et l'heure sont enregistrés.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="409" />
      <source>What the playbook says for this component. Open an incident to tick the steps.</source>
      <translation>Ce que dit la fiche réflexe pour ce composant. Ouvrez un incident pour cocher les étapes.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="448" />
      <source>No public source confirms this step: to confirm with the official fiche réflexe.</source>
      <translation>Aucune source publique ne confirme cette étape : à confirmer avec la fiche réflexe officielle.</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ics2desk/gui/incidents/panel.py" line="472" />
      <location filename="../../ics2desk/gui/incidents/panel.py" line="632" />
      <source>Affected filings (%n queued or unanswered)</source>
      <translation>
        <numerusform>Déclarations touchées (%n en file ou sans réponse)</numerusform>
        <numerusform>Déclarations touchées (%n en file ou sans réponse)</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="475" />
      <source>queued</source>
      <translation>en file</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="475" />
      <source>sent, no reply</source>
      <translation>envoyée, sans réponse</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="494" />
      <source>{0} answers again. Start the recovery: the outbox is drained and the incident closes once every filing is answered.</source>
      <translation>{0} répond de nouveau. Lancez le rétablissement : la file d'envoi est vidée et l'incident se clôt quand chaque déclaration a sa réponse.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="542" />
      <source>Export the incident report</source>
      <translation>Exporter le rapport d'incident</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="551" />
      <source>Recovery</source>
      <translation>Rétablissement</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="552" />
      <source>Is {0} back? The outbox is drained now; filings sent under the fallback are flagged for retrospective lodging and tracked until they have an MRN.</source>
      <translation>{0} est-il rétabli ? La file d'envoi est vidée maintenant ; les déclarations traitées en procédure de secours sont marquées pour dépôt rétrospectif et suivies jusqu'à leur MRN.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="567" />
      <source>Close the incident</source>
      <translation>Clore l'incident</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ics2desk/gui/incidents/panel.py" line="568" />
      <source>%n filing(s) handled under the fallback still have no MRN. Close anyway?</source>
      <translation>
        <numerusform>%n déclaration(s) traitée(s) en procédure de secours n'ont pas encore de MRN. Clore quand même ?</numerusform>
        <numerusform>%n déclaration(s) traitée(s) en procédure de secours n'ont pas encore de MRN. Clore quand même ?</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="584" />
      <location filename="../../ics2desk/gui/incidents/panel.py" line="585" />
      <source>PDF saved: {0}</source>
      <translation>PDF enregistré : {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="588" />
      <source>Incident report saved: {0}</source>
      <translation>Rapport d'incident enregistré : {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="590" />
      <source>Fallback request recorded as sent to {0}</source>
      <translation>Demande de procédure de secours enregistrée comme envoyée à {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="593" />
      <source>Incident closed</source>
      <translation>Incident clos</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="608" />
      <source>Component</source>
      <translation>Composant</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="609" />
      <source>Incident and timeline</source>
      <translation>Incident et chronologie</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="610" />
      <source>Fiche réflexe steps</source>
      <translation>Étapes de la fiche réflexe</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="611" />
      <source>Step</source>
      <translation>Étape</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="611" />
      <source>Source</source>
      <translation>Source</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="611" />
      <source>Done by / at</source>
      <translation>Fait par / à</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="612" />
      <source>LRN</source>
      <translation>LRN</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="612" />
      <source>State</source>
      <translation>État</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="612" />
      <source>Truck</source>
      <translation>Camion</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="613" />
      <source>Crossing</source>
      <translation>Traversée</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="613" />
      <source>Deadline (UTC)</source>
      <translation>Délai (UTC)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="614" />
      <source>Time left</source>
      <translation>Temps restant</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="615" />
      <source>Confirm</source>
      <translation>Confirmer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="615" />
      <source>Dismiss</source>
      <translation>Écarter</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="616" />
      <source>Declare down…</source>
      <translation>Déclarer indisponible…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="618" />
      <source>Draft fallback request…</source>
      <translation>Préparer la demande de secours…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="618" />
      <source>Export incident report…</source>
      <translation>Exporter le rapport d'incident…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="619" />
      <source>Start recovery…</source>
      <translation>Lancer le rétablissement…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="619" />
      <source>Close incident…</source>
      <translation>Clore l'incident…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="621" />
      <source>Recover automatically when ICS2 answers again</source>
      <translation>Rétablir automatiquement quand ICS2 répond de nouveau</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/incidents/panel.py" line="622" />
      <source>Start recovery</source>
      <translation>Lancer le rétablissement</translation>
    </message>
  </context>
  <context>
    <name>IntakeDialog</name>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="206" />
      <source>Import a booking list</source>
      <translation>Importer une liste de réservations</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="207" />
      <source>Booking list (CSV or XLSX):</source>
      <translation>Liste de réservations (CSV ou XLSX) :</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="208" />
      <location filename="../../ics2desk/gui/intake/dialog.py" line="212" />
      <source>Choose…</source>
      <translation>Choisir…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="209" />
      <source>Customer (its column mapping is remembered):</source>
      <translation>Client (sa correspondance des colonnes est mémorisée) :</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="210" />
      <source>Template ENS (parties, places):</source>
      <translation>ENS modèle (parties, lieux) :</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="211" />
      <source>the customer's template, else the built-in sample</source>
      <translation>le modèle du client, sinon l'exemple intégré</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="213" />
      <source>Crossing when the list names none:</source>
      <translation>Traversée si la liste n'en indique pas :</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="216" />
      <source>the template's crossing</source>
      <translation>celle du modèle</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="222" />
      <source>Queue the valid trucks for sending</source>
      <translation>Mettre en file d'envoi les camions valides</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="223" />
      <source>Keep trucks that fail as drafts</source>
      <translation>Garder en brouillon les camions à corriger</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="224" />
      <source>Check</source>
      <translation>Vérifier</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="225" />
      <source>Import</source>
      <translation>Importer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="226" />
      <source>Stop</source>
      <translation>Arrêter</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="227" />
      <source>Close</source>
      <translation>Fermer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="228" />
      <source>Row</source>
      <translation>Ligne</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="228" />
      <source>Column</source>
      <translation>Colonne</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="228" />
      <source>Truck</source>
      <translation>Camion</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="229" />
      <source>Rule</source>
      <translation>Règle</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="229" />
      <source>What to fix</source>
      <translation>À corriger</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="237" />
      <source>Booking list</source>
      <translation>Liste de réservations</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="238" />
      <source>Booking lists (*.csv *.xlsx *.xlsm *.txt);;All files (*)</source>
      <translation>Listes de réservations (*.csv *.xlsx *.xlsm *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="243" />
      <source>Template ENS</source>
      <translation>ENS modèle</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="243" />
      <source>ENS files (*.xml)</source>
      <translation>Fichiers ENS (*.xml)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="294" />
      <source>fills</source>
      <translation>remplit</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="299" />
      <source>— ignore —</source>
      <translation>— ignorer —</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="304" />
      <source>Guessed from the header: check it</source>
      <translation>Deviné d'après l'en-tête : vérifiez-le</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="345" />
      <source>Choose the column that holds the truck plate: rows are grouped into trucks by plate, CMR and date.</source>
      <translation>Choisissez la colonne qui donne l'immatriculation : les lignes sont regroupées en camions par immatriculation, CMR et date.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="353" />
      <source>Columns {0} all fill {1}: keep one.</source>
      <translation>Les colonnes {0} remplissent toutes « {1} » : n'en gardez qu'une.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="370" />
      <source>Checking…</source>
      <translation>Vérification…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="370" />
      <source>Importing…</source>
      <translation>Import en cours…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="381" />
      <source>Checked %v of %m</source>
      <translation>%v vérifiés sur %m</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="381" />
      <source>Saved %v of %m</source>
      <translation>%v enregistrés sur %m</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="405" />
      <source>No template: the parties are the built-in sample's. Choose the customer's template ENS before these drafts are sent.</source>
      <translation>Pas de modèle : les parties sont celles de l'exemple intégré. Choisissez l'ENS modèle du client avant d'envoyer ces brouillons.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="413" />
      <source>(no column)</source>
      <translation>(aucune colonne)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="414" />
      <source>(template)</source>
      <translation>(modèle)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/intake/dialog.py" line="483" />
      <source>Internal error (a bug in ics2desk, please report it): {0}</source>
      <translation>Erreur interne (un défaut d'ics2desk, merci de le signaler) : {0}</translation>
    </message>
  </context>
  <context>
    <name>InvalidateDialog</name>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="201" />
      <source>Invalidate {0}</source>
      <translation>Invalider {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="202" />
      <source>Invalidate {0}? Customs will be told the ENS no longer stands; this cannot be undone. Say why (kept in the filing's history):</source>
      <translation>Invalider {0} ? La douane sera informée que l'ENS n'est plus valable ; c'est irréversible. Indiquez pourquoi (conservé dans l'historique de la déclaration) :</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="208" />
      <source>e.g. truck cancelled, goods not loaded, filed twice</source>
      <translation>ex. : camion annulé, marchandises non chargées, déclarée deux fois</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="211" />
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/detail.py" line="212" />
      <source>Invalidate</source>
      <translation>Invalider</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="74" />
      <source>Amend ENS {0}</source>
      <translation>Modifier l'ENS {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="176" />
      <source>Settings applied: sending now uses the new transport settings</source>
      <translation>Paramètres appliqués : les envois utilisent désormais les nouveaux réglages de transmission</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="329" />
      <source>Sending stopped: {0}</source>
      <translation>Envoi arrêté : {0}</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ics2desk/gui/main_window.py" line="337" />
      <source>%n queued</source>
      <translation>
        <numerusform>%n en attente d'envoi</numerusform>
        <numerusform>%n en attente d'envoi</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="354" />
      <source>The agency database is back: everything is up to date</source>
      <translation>La base de l'agence est revenue : tout est à jour</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="395" />
      <location filename="../../ics2desk/gui/main_window.py" line="414" />
      <location filename="../../ics2desk/gui/main_window.py" line="419" />
      <source>Do Not Load</source>
      <translation>Ne pas charger</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="395" />
      <source>{0}: this truck must not board</source>
      <translation>{0} : ce camion ne doit pas embarquer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="414" />
      <location filename="../../ics2desk/gui/main_window.py" line="419" />
      <source>New reply</source>
      <translation>Nouvelle réponse</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="474" />
      <source>An amendment is not saved as a draft: send it with Ctrl+Enter</source>
      <translation>Une rectification ne s'enregistre pas en brouillon : envoyez-la avec Ctrl+Entrée</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="488" />
      <source>Saved {0}</source>
      <translation>{0} enregistré</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="520" />
      <source>Select a filing first</source>
      <translation>Sélectionnez d'abord un dossier</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="546" />
      <source>Invalidate and re-file</source>
      <translation>Invalider et redéposer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="562" />
      <source>{0} invalidation queued; its copy {1} is open as a draft</source>
      <translation>{0} : invalidation en file d'envoi ; sa copie {1} est ouverte en brouillon</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="567" />
      <source>{0} queued for sending</source>
      <translation>{0} en file d'envoi</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="591" />
      <source>Select one or more filings to print</source>
      <translation>Sélectionnez un ou plusieurs dossiers à imprimer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="609" />
      <source>Truck may not board</source>
      <translation>Le camion ne peut pas embarquer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="610" />
      <source>{0}: {1}

No truck sheet with a barcode can be printed. Print it for the record (stamped, no barcode)?</source>
      <translation>{0} : {1}

Aucune fiche camion avec code-barres ne peut être imprimée. L'imprimer pour archive (tamponnée, sans code-barres) ?</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="615" />
      <source>Truck sheet not printed: {0} may not board</source>
      <translation>Fiche camion non imprimée : {0} ne peut pas embarquer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="625" />
      <source>Preparing {0}…</source>
      <translation>Préparation de {0}…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="629" />
      <source>PDF ready: {0} (opened in the PDF viewer: no page renderer for the preview)</source>
      <translation>PDF prêt : {0} (ouvert dans le lecteur PDF : pas de rendu de pages pour l'aperçu)</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="632" />
      <source>PDF ready: {0}</source>
      <translation>PDF prêt : {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="675" />
      <source>{0} not invalidated</source>
      <translation>{0} n'a pas été invalidée</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="702" />
      <source>No request for information received for {0}</source>
      <translation>Aucune demande d'informations reçue pour {0}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="728" />
      <source>Transport: built-in simulator</source>
      <translation>Transport : simulateur intégré</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="728" />
      <source>Transport: connected</source>
      <translation>Transport : connecté</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="729" />
      <source>Transport: unreachable</source>
      <translation>Transport : injoignable</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="729" />
      <source>Transport: stopped</source>
      <translation>Transport : arrêté</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="731" />
      <source>Sending: by a declarant's desk</source>
      <translation>Envoi : par le poste d'un déclarant</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="733" />
      <source>Import booking list…</source>
      <translation>Importer une liste de réservations…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="734" />
      <source>Who did what to this filing…</source>
      <translation>Qui a fait quoi sur ce dossier…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="735" />
      <source>Agency database out of reach: saves are kept on this desk</source>
      <translation>Base de l'agence injoignable : les enregistrements sont gardés sur ce poste</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="736" />
      <source>Local store unavailable</source>
      <translation>Stockage local indisponible</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="771" />
      <source>Save as template</source>
      <translation>Enregistrer comme modèle</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="772" />
      <source>Template name (customer and route):</source>
      <translation>Nom du modèle (client et trajet) :</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="780" />
      <source>Template "{0}" saved: Ctrl+T starts a filing from it</source>
      <translation>Modèle « {0} » enregistré : Ctrl+T démarre une déclaration à partir de celui-ci</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.ui" line="6" />
      <source>ics2desk — ICS2 entry summary declarations</source>
      <translation>ics2desk — déclarations sommaires d'entrée ICS2</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.ui" line="17" />
      <source>&amp;Filings</source>
      <translation>&amp;Dossiers</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/main_window.py" line="726" />
      <location filename="../../ui/main_window.ui" line="21" />
      <location filename="../../ui/main_window.ui" line="63" />
      <source>&amp;New ENS</source>
      <translation>&amp;Nouvelle ENS</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.ui" line="25" />
      <source>&amp;Outbox</source>
      <translation>&amp;Envois</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.ui" line="29" />
      <source>&amp;Incidents</source>
      <translation>&amp;Incidents</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.ui" line="33" />
      <source>Business continuity: incidents, fallback procedures and drills appear here.</source>
      <translation>Continuité d'activité : incidents, procédures de secours et exercices apparaissent ici.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.ui" line="40" />
      <source>&amp;Settings</source>
      <translation>&amp;Paramètres</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.ui" line="49" />
      <source>&amp;File</source>
      <translation>&amp;Fichier</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.ui" line="54" />
      <source>&amp;Language</source>
      <translation>&amp;Langue</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.ui" line="64" />
      <source>Ctrl+N</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.ui" line="67" />
      <source>&amp;Quit</source>
      <translation>&amp;Quitter</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.ui" line="68" />
      <source>Ctrl+Q</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.ui" line="71" />
      <source>English</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.ui" line="74" />
      <source>Français</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>OutboxView</name>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="61" />
      <source>now</source>
      <translation>maintenant</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="80" />
      <source>Sending: {0} done, {1} left</source>
      <translation>Envoi : {0} faits, {1} restants</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="93" />
      <source>ELO requests follow their envelope: they can only be retried now from here.</source>
      <translation>Les demandes ELO suivent leur enveloppe : ici, on peut seulement les relancer tout de suite.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="97" />
      <source>Cancel submission</source>
      <translation>Annuler l'envoi</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="98" />
      <source>Cancel sending {0} ({1})? The filing goes back to ready; this is audited.</source>
      <translation>Annuler l'envoi de {0} ({1}) ? Le dossier redevient prêt ; l'action est tracée.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="113" />
      <source>LRN</source>
      <translation>LRN</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="113" />
      <source>Message</source>
      <translation>Message</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="113" />
      <source>State</source>
      <translation>État</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="114" />
      <source>Attempts</source>
      <translation>Tentatives</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="114" />
      <source>Next retry</source>
      <translation>Prochain essai</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="114" />
      <source>Component</source>
      <translation>Composant</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="115" />
      <source>Last error</source>
      <translation>Dernière erreur</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="116" />
      <source>Retry now</source>
      <translation>Réessayer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="116" />
      <source>Pause</source>
      <translation>Suspendre</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="116" />
      <source>Resume</source>
      <translation>Reprendre</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/view.py" line="117" />
      <source>Cancel…</source>
      <translation>Annuler…</translation>
    </message>
  </context>
  <context>
    <name>PasswordDialog</name>
    <message>
      <location filename="../../ics2desk/gui/agency_signin.py" line="60" />
      <source>Sign in to the agency database</source>
      <translation>Connexion à la base de l'agence</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/agency_signin.py" line="62" />
      <source>Agent {user} on {where}</source>
      <translation>Agent {user} sur {where}</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/agency_signin.py" line="73" />
      <source>Password</source>
      <translation>Mot de passe</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/agency_signin.py" line="75" />
      <source>Remember on this PC (OS keyring)</source>
      <translation>Mémoriser sur ce poste (trousseau du système)</translation>
    </message>
  </context>
  <context>
    <name>PrintNotices</name>
    <message>
      <location filename="../../ics2desk/gui/filings/print_preview.py" line="143" />
      <source>Trucks not printed</source>
      <translation>Camions non imprimés</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/filings/print_preview.py" line="146" />
      <source>These trucks may not board: their sheets were left out of the print (no barcode is ever printed for them). The other sheets are ready.</source>
      <translation>Ces camions ne peuvent pas embarquer : leurs fiches ont été retirées de l'impression (aucun code-barres n'est jamais imprimé pour eux). Les autres fiches sont prêtes.</translation>
    </message>
  </context>
  <context>
    <name>QuarantinePanel</name>
    <message numerus="yes">
      <location filename="../../ics2desk/gui/outbox/quarantine.py" line="83" />
      <source>%n unreadable message(s) from ICS2 — ask the helpdesk</source>
      <translation>
        <numerusform>%n message(s) illisible(s) venant d'ICS2 — contactez l'assistance</numerusform>
        <numerusform>%n message(s) illisible(s) venant d'ICS2 — contactez l'assistance</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/quarantine.py" line="84" />
      <source>Kept with their raw bytes; they do not block the next ones. One may be a registration or a Do Not Load: check the trucks waiting for a reply.</source>
      <translation>Conservés tels quels ; ils ne bloquent pas les suivants. L'un d'eux peut être un enregistrement ou un « ne pas charger » : vérifiez les camions qui attendent une réponse.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/quarantine.py" line="87" />
      <source>Copy for the helpdesk</source>
      <translation>Copier pour l'assistance</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/outbox/quarantine.py" line="88" />
      <source>Unreadable messages</source>
      <translation>Messages illisibles</translation>
    </message>
  </context>
  <context>
    <name>SettingsForm</name>
    <message>
      <location filename="../../ui/settings.ui" line="12" />
      <source>Lodging profile</source>
      <translation>Profil du déposant</translation>
    </message>
    <message>
      <location filename="../../ui/settings.ui" line="14" />
      <source>EORI (EU)</source>
      <translation>EORI (UE)</translation>
    </message>
    <message>
      <location filename="../../ui/settings.ui" line="16" />
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <location filename="../../ui/settings.ui" line="18" />
      <source>Address</source>
      <translation>Adresse</translation>
    </message>
    <message>
      <location filename="../../ui/settings.ui" line="20" />
      <source>Contact</source>
      <translation>Contact</translation>
    </message>
    <message>
      <location filename="../../ui/settings.ui" line="27" />
      <source>General</source>
      <translation>Général</translation>
    </message>
    <message>
      <location filename="../../ui/settings.ui" line="29" />
      <source>Language</source>
      <translation>Langue</translation>
    </message>
    <message>
      <location filename="../../ui/settings.ui" line="31" />
      <source>Data directory</source>
      <translation>Dossier des données</translation>
    </message>
    <message>
      <location filename="../../ui/settings.ui" line="43" />
      <source>Transport</source>
      <translation>Transport</translation>
    </message>
    <message>
      <location filename="../../ui/settings.ui" line="45" />
      <source>Send through</source>
      <translation>Envoyer via</translation>
    </message>
    <message>
      <location filename="../../ui/settings.ui" line="47" />
      <source>Access point URL</source>
      <translation>URL du point d'accès</translation>
    </message>
    <message>
      <location filename="../../ui/settings.ui" line="49" />
      <source>User name</source>
      <translation>Identifiant</translation>
    </message>
    <message>
      <location filename="../../ui/settings.ui" line="51" />
      <source>Password</source>
      <translation>Mot de passe</translation>
    </message>
    <message>
      <location filename="../../ui/settings.ui" line="59" />
      <source>Crossings: lodging cut-off before arrival (hours)</source>
      <translation>Traversées : délai de dépôt avant l'arrivée (heures)</translation>
    </message>
    <message>
      <location filename="../../ui/settings.ui" line="71" />
      <source>Save settings</source>
      <translation>Enregistrer les paramètres</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <location filename="../../ics2desk/gui/settings/page.py" line="112" />
      <source>Access point password</source>
      <translation>Mot de passe du point d'accès</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/settings/page.py" line="112" />
      <source>Password</source>
      <translation>Mot de passe</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/settings/page.py" line="128" />
      <source>Built-in simulator</source>
      <translation>Simulateur intégré</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/settings/page.py" line="129" />
      <source>ICS2 access point</source>
      <translation>Point d'accès ICS2</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/settings/page.py" line="131" />
      <source>Set password (stored in the OS keyring)…</source>
      <translation>Définir le mot de passe (trousseau du système)…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/settings/page.py" line="133" />
      <source>Credentials are kept in the OS keyring only, never in a file.</source>
      <translation>Les identifiants sont gardés uniquement dans le trousseau du système, jamais dans un fichier.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/settings/page.py" line="135" />
      <source>No keyring available</source>
      <translation>Aucun trousseau disponible</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/settings/page.py" line="137" />
      <source>This system has no keyring: the password is not stored and will be asked at each connection.</source>
      <translation>Ce système n'a pas de trousseau : le mot de passe n'est pas conservé et sera demandé à chaque connexion.</translation>
    </message>
  </context>
  <context>
    <name>TemplatePicker</name>
    <message>
      <location filename="../../ics2desk/gui/form/template_picker.py" line="25" />
      <source>New filing from a template</source>
      <translation>Nouvelle déclaration depuis un modèle</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/template_picker.py" line="33" />
      <source>Name, customer or route</source>
      <translation>Nom, client ou trajet</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/template_picker.py" line="56" />
      <source>No template yet: fill in a filing, then "Save as template…".</source>
      <translation>Aucun modèle pour l'instant : remplissez une déclaration, puis « Enregistrer comme modèle… ».</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/template_picker.py" line="58" />
      <source>No template matches "{0}".</source>
      <translation>Aucun modèle ne correspond à « {0} ».</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/form/template_picker.py" line="60" />
      <source>Enter: new filing from the template chosen; plates, CMR, seals and times stay empty.</source>
      <translation>Entrée : nouvelle déclaration depuis le modèle choisi ; immatriculations, CMR, scellés et horaires restent vides.</translation>
    </message>
  </context>
  <context>
    <name>agency_signin</name>
    <message>
      <location filename="../../ics2desk/gui/agency_signin.py" line="65" />
      <source>The agency database refused the sign-in:</source>
      <translation>La base de l'agence a refusé la connexion :</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/agency_signin.py" line="67" />
      <source>Enter the agent's password.</source>
      <translation>Saisissez le mot de passe de l'agent.</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/agency_signin.py" line="96" />
      <source>Agency database out of reach</source>
      <translation>Base de l'agence injoignable</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/agency_signin.py" line="97" />
      <source>Retry</source>
      <translation>Réessayer</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/agency_signin.py" line="98" />
      <source>Work stand-alone (declarant)…</source>
      <translation>Travailler en autonome (déclarant)…</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/agency_signin.py" line="99" />
      <source>Quit</source>
      <translation>Quitter</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/agency_signin.py" line="107" />
      <source>Stand-alone</source>
      <translation>Mode autonome</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/agency_signin.py" line="108" />
      <source>What is down, since when, the ticket (recorded):</source>
      <translation>Ce qui est en panne, depuis quand, le ticket (enregistré) :</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/agency_signin.py" line="113" />
      <source>Agency database</source>
      <translation>Base de l'agence</translation>
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <location filename="../../ics2desk/gui/app.py" line="48" />
      <source>agency database</source>
      <translation>base de l'agence</translation>
    </message>
    <message>
      <location filename="../../ics2desk/gui/app.py" line="49" />
      <source>STAND-ALONE (agency database out of reach)</source>
      <translation>AUTONOME (base de l'agence injoignable)</translation>
    </message>
  </context>
  <context>
    <name>hti</name>
    <message>
      <source>Active border transport means</source>
      <translation>Moyen de transport actif à la frontière</translation>
    </message>
    <message>
      <source>Actual date and time of departure</source>
      <translation>Date et heure réelles de départ</translation>
    </message>
    <message>
      <source>Additional information</source>
      <translation>Informations complémentaires</translation>
    </message>
    <message>
      <source>Additional supply chain actor</source>
      <translation>Autre acteur de la chaîne logistique</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Adresse</translation>
    </message>
    <message>
      <source>Buyer</source>
      <translation>Acheteur</translation>
    </message>
    <message>
      <source>CUS code</source>
      <translation>Code CUS</translation>
    </message>
    <message>
      <source>Carrier</source>
      <translation>Transporteur</translation>
    </message>
    <message>
      <source>City</source>
      <translation>Ville</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>Combined nomenclature code</source>
      <translation>Code de la nomenclature combinée</translation>
    </message>
    <message>
      <source>Commodity</source>
      <translation>Marchandise</translation>
    </message>
    <message>
      <source>Commodity code</source>
      <translation>Code marchandise</translation>
    </message>
    <message>
      <source>Communication</source>
      <translation>Moyen de contact</translation>
    </message>
    <message>
      <source>Consignee</source>
      <translation>Destinataire</translation>
    </message>
    <message>
      <source>Consignment (House level)</source>
      <translation>Envoi (niveau House)</translation>
    </message>
    <message>
      <source>Consignment (Master level)</source>
      <translation>Envoi (niveau Master)</translation>
    </message>
    <message>
      <source>Consignor</source>
      <translation>Expéditeur</translation>
    </message>
    <message>
      <source>Container identification number</source>
      <translation>Numéro du conteneur</translation>
    </message>
    <message>
      <source>Container indicator</source>
      <translation>Indicateur conteneur</translation>
    </message>
    <message>
      <source>Container packed status</source>
      <translation>Conteneur chargé / vide</translation>
    </message>
    <message>
      <source>Container size and type</source>
      <translation>Taille et type du conteneur</translation>
    </message>
    <message>
      <source>Container supplier type</source>
      <translation>Fournisseur du conteneur</translation>
    </message>
    <message>
      <source>Conveyance reference number</source>
      <translation>Référence du voyage</translation>
    </message>
    <message>
      <source>Countries of routing of consignment</source>
      <translation>Pays d'itinéraire de l'envoi</translation>
    </message>
    <message>
      <source>Countries of routing of means of transport</source>
      <translation>Pays d'itinéraire du moyen de transport</translation>
    </message>
    <message>
      <source>Country</source>
      <translation>Pays</translation>
    </message>
    <message>
      <source>Customs office of first entry</source>
      <translation>Bureau de douane de première entrée</translation>
    </message>
    <message>
      <source>Dangerous goods</source>
      <translation>Marchandises dangereuses</translation>
    </message>
    <message>
      <source>Declarant</source>
      <translation>Déclarant</translation>
    </message>
    <message>
      <source>Description of goods</source>
      <translation>Désignation des marchandises</translation>
    </message>
    <message>
      <source>Document issue date</source>
      <translation>Date d'émission</translation>
    </message>
    <message>
      <source>Estimated date and time of arrival</source>
      <translation>Date et heure prévues d'arrivée</translation>
    </message>
    <message>
      <source>Estimated date and time of departure</source>
      <translation>Date et heure prévues de départ</translation>
    </message>
    <message>
      <source>Goods item</source>
      <translation>Article</translation>
    </message>
    <message>
      <source>Goods item number</source>
      <translation>Numéro d'article</translation>
    </message>
    <message>
      <source>Goods shipment</source>
      <translation>Expédition</translation>
    </message>
    <message>
      <source>Gross mass</source>
      <translation>Masse brute</translation>
    </message>
    <message>
      <source>Harmonized System sub-heading code</source>
      <translation>Sous-position du Système harmonisé</translation>
    </message>
    <message>
      <source>Identification number</source>
      <translation>Numéro d'identification</translation>
    </message>
    <message>
      <source>Identifier</source>
      <translation>Identifiant</translation>
    </message>
    <message>
      <source>LRN</source>
      <translation>LRN</translation>
    </message>
    <message>
      <source>Location</source>
      <translation>Lieu</translation>
    </message>
    <message>
      <source>Method of payment</source>
      <translation>Mode de paiement</translation>
    </message>
    <message>
      <source>Mode of transport</source>
      <translation>Mode de transport</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>Nationality</source>
      <translation>Nationalité</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>Numéro</translation>
    </message>
    <message>
      <source>Number of packages</source>
      <translation>Nombre de colis</translation>
    </message>
    <message>
      <source>Number of seals</source>
      <translation>Nombre de scellés</translation>
    </message>
    <message>
      <source>P.O. Box</source>
      <translation>Boîte postale</translation>
    </message>
    <message>
      <source>Packaging</source>
      <translation>Emballage</translation>
    </message>
    <message>
      <source>Passive border transport means</source>
      <translation>Moyen de transport passif à la frontière</translation>
    </message>
    <message>
      <source>Place of acceptance</source>
      <translation>Lieu de prise en charge</translation>
    </message>
    <message>
      <source>Place of delivery</source>
      <translation>Lieu de livraison</translation>
    </message>
    <message>
      <source>Place of loading</source>
      <translation>Lieu de chargement</translation>
    </message>
    <message>
      <source>Place of unloading</source>
      <translation>Lieu de déchargement</translation>
    </message>
    <message>
      <source>Postcode</source>
      <translation>Code postal</translation>
    </message>
    <message>
      <source>Re-entry indicator</source>
      <translation>Indicateur de réentrée</translation>
    </message>
    <message>
      <source>Reference number</source>
      <translation>Numéro de référence</translation>
    </message>
    <message>
      <source>Reference number/UCR</source>
      <translation>Numéro de référence/UCR</translation>
    </message>
    <message>
      <source>Representative</source>
      <translation>Représentant</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Rôle</translation>
    </message>
    <message>
      <source>Seal</source>
      <translation>Scellé</translation>
    </message>
    <message>
      <source>Seller</source>
      <translation>Vendeur</translation>
    </message>
    <message>
      <source>Sequence number</source>
      <translation>N°</translation>
    </message>
    <message>
      <source>Shipping marks</source>
      <translation>Marques d'expédition</translation>
    </message>
    <message>
      <source>Specific circumstance indicator</source>
      <translation>Indicateur de circonstance spécifique</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Statut</translation>
    </message>
    <message>
      <source>Street</source>
      <translation>Rue</translation>
    </message>
    <message>
      <source>Street additional line</source>
      <translation>Complément d'adresse</translation>
    </message>
    <message>
      <source>Sub-division</source>
      <translation>Subdivision</translation>
    </message>
    <message>
      <source>Supporting documents</source>
      <translation>Documents d'accompagnement</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>Texte</translation>
    </message>
    <message>
      <source>Total gross mass</source>
      <translation>Masse brute totale</translation>
    </message>
    <message>
      <source>Transport charges</source>
      <translation>Frais de transport</translation>
    </message>
    <message>
      <source>Transport document (House level)</source>
      <translation>Document de transport (House)</translation>
    </message>
    <message>
      <source>Transport document (Master level)</source>
      <translation>Document de transport (Master)</translation>
    </message>
    <message>
      <source>Transport equipment</source>
      <translation>Équipement de transport</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>Type of identification</source>
      <translation>Type d'identification</translation>
    </message>
    <message>
      <source>Type of means of transport</source>
      <translation>Type de moyen de transport</translation>
    </message>
    <message>
      <source>Type of packages</source>
      <translation>Type de colis</translation>
    </message>
    <message>
      <source>Type of person</source>
      <translation>Type de personne</translation>
    </message>
    <message>
      <source>UN Number</source>
      <translation>Numéro ONU</translation>
    </message>
    <message>
      <source>UNLOCODE</source>
      <translation>UN/LOCODE</translation>
    </message>
    <message>
      <source>Weight</source>
      <translation>Poids</translation>
    </message>
  </context>
  <context>
    <name>State</name>
    <message>
      <source>draft</source>
      <translation>brouillon</translation>
    </message>
    <message>
      <source>ready</source>
      <translation>prêt</translation>
    </message>
    <message>
      <source>queued</source>
      <translation>en file d'attente</translation>
    </message>
    <message>
      <source>sent</source>
      <translation>envoyé</translation>
    </message>
    <message>
      <source>registered</source>
      <translation>enregistré</translation>
    </message>
    <message>
      <source>rejected</source>
      <translation>rejeté</translation>
    </message>
    <message>
      <source>assessment complete</source>
      <translation>analyse terminée</translation>
    </message>
    <message>
      <source>do not load</source>
      <translation>NE PAS CHARGER</translation>
    </message>
    <message>
      <source>info requested</source>
      <translation>informations demandées</translation>
    </message>
    <message>
      <source>info answered</source>
      <translation>informations fournies</translation>
    </message>
    <message>
      <source>not complete</source>
      <translation>incomplet</translation>
    </message>
    <message>
      <source>amending</source>
      <translation>rectification en cours</translation>
    </message>
    <message>
      <source>invalidating</source>
      <translation>invalidation en cours</translation>
    </message>
    <message>
      <source>invalidated</source>
      <translation>invalidé</translation>
    </message>
  </context>
  <context>
    <name>Editors</name>
    <message>
      <source>Remove this line</source>
      <translation>Supprimer cette ligne</translation>
    </message>
    <message>
      <source>+ Add {0}</source>
      <translation>+ Ajouter : {0}</translation>
    </message>
    <message>
      <source>+ Add (Enter)</source>
      <translation>+ Ajouter (Entrée)</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Supprimer</translation>
    </message>
  </context>
  <context>
    <name>FilingsModel</name>
    <message>
      <source>LRN</source>
      <translation>LRN</translation>
    </message>
    <message>
      <source>State</source>
      <translation>État</translation>
    </message>
    <message>
      <source>MRN</source>
      <translation>MRN</translation>
    </message>
    <message>
      <source>Truck</source>
      <translation>Camion</translation>
    </message>
    <message>
      <source>Crossing</source>
      <translation>Traversée</translation>
    </message>
    <message>
      <source>Arrival (UTC)</source>
      <translation>Arrivée (UTC)</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>Échéance</translation>
    </message>
    <message>
      <source>Declarant</source>
      <translation>Déclarant</translation>
    </message>
    <message>
      <source>Updated</source>
      <translation>Mis à jour</translation>
    </message>
  </context>
</TS>