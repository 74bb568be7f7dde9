<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
    <context>
        <name>App</name>
        <message>
            <source>There is no price list on this computer yet, so no sale can be started. Sync with the server, or load a price list file with File › Import price list…</source>
            <translation>Auf diesem Computer gibt es noch keine Preisliste, daher kann kein Verkauf begonnen werden. Synchronisieren Sie mit dem Server oder laden Sie eine Preislistendatei über Datei › Preisliste importieren…</translation>
        </message>
        <message>
            <source>The demo price list could not be loaded: {reason}</source>
            <translation>Die Demo-Preisliste konnte nicht geladen werden: {reason}</translation>
        </message>
    </context>
    <context>
        <name>AppController</name>
        <message>
            <source>Working…</source>
            <extracomment>workflow id -&gt; how many local changes sync could not carry over (only sales with any)</extracomment>
            <translation>Bitte warten…</translation>
        </message>
        <message>
            <source>Starting a new sale…</source>
            <translation>Neuer Verkauf wird angelegt…</translation>
        </message>
        <message>
            <source>Opening the sale…</source>
            <translation>Verkauf wird geöffnet…</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation>Wird gespeichert…</translation>
        </message>
        <message>
            <source>Reading history…</source>
            <translation>Verlauf wird gelesen…</translation>
        </message>
        <message>
            <source>Loading the price list…</source>
            <translation>Preisliste wird geladen…</translation>
        </message>
        <message>
            <source>Saving file…</source>
            <translation>Datei wird gespeichert…</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>Anmeldung läuft…</translation>
        </message>
        <message>
            <source>Loading the team's sales…</source>
            <translation>Verkäufe des Teams werden geladen…</translation>
        </message>
        <message>
            <source>Sending the decision…</source>
            <translation>Entscheidung wird gesendet…</translation>
        </message>
    </context>
    <context>
        <name>ApprovalsDialog</name>
        <message>
            <source>Discount approvals</source>
            <translation>Rabattfreigaben</translation>
        </message>
        <message>
            <source>Sales of your team with a discount above the limit wait for your decision. The agent sees it after their next sync.</source>
            <translation>Verkäufe Ihres Teams mit einem Rabatt über der Grenze warten auf Ihre Entscheidung. Der Außendienst sieht sie nach der nächsten Synchronisierung.</translation>
        </message>
        <message>
            <source>Show &amp;all team sales</source>
            <translation>&amp;Alle Verkäufe des Teams zeigen</translation>
        </message>
        <message>
            <source>Show all team sales</source>
            <translation>Alle Verkäufe des Teams zeigen</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>A&amp;ktualisieren</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Aktualisieren</translation>
        </message>
        <message>
            <source>Sales waiting for approval</source>
            <translation>Verkäufe, die auf Freigabe warten</translation>
        </message>
        <message>
            <source>Agent</source>
            <translation>Verkäufer</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>Kunde</translation>
        </message>
        <message>
            <source>Discount</source>
            <translation>Rabatt</translation>
        </message>
        <message>
            <source>Gross total</source>
            <translation>Bruttosumme</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Last change</source>
            <translation>Letzte Änderung</translation>
        </message>
        <message>
            <source>Comment for the agent</source>
            <translation>Kommentar für den Verkäufer</translation>
        </message>
        <message>
            <source>What the agent should know (required when you reject)</source>
            <translation>Was der Verkäufer wissen sollte (Pflicht bei Ablehnung)</translation>
        </message>
        <message>
            <source>&amp;Comment:</source>
            <translation>&amp;Kommentar:</translation>
        </message>
        <message>
            <source>A&amp;pprove</source>
            <translation>&amp;Freigeben</translation>
        </message>
        <message>
            <source>Approve the discount</source>
            <translation>Rabatt freigeben</translation>
        </message>
        <message>
            <source>Re&amp;ject</source>
            <translation>A&amp;blehnen</translation>
        </message>
        <message>
            <source>Reject the discount</source>
            <translation>Rabatt ablehnen</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <source>(no customer yet)</source>
            <translation>(noch kein Kunde)</translation>
        </message>
        <message>
            <source>Waiting for you</source>
            <translation>Wartet auf Sie</translation>
        </message>
        <message>
            <source>Limit without approval: {t}</source>
            <translation>Grenze ohne Freigabe: {t}</translation>
        </message>
        <message>
            <source>Nothing is waiting for your decision.</source>
            <translation>Nichts wartet auf Ihre Entscheidung.</translation>
        </message>
        <message>
            <source>Say why you reject the discount, so the agent knows what to change.</source>
            <translation>Begründen Sie die Ablehnung, damit der Verkäufer weiß, was zu ändern ist.</translation>
        </message>
        <message>
            <source>Approved the discount for {who}.</source>
            <translation>Rabatt für {who} freigegeben.</translation>
        </message>
        <message>
            <source>Rejected the discount for {who}.</source>
            <translation>Rabatt für {who} abgelehnt.</translation>
        </message>
        <message>
            <source>The decision was not recorded: {reason}</source>
            <translation>Die Entscheidung wurde nicht gespeichert: {reason}</translation>
        </message>
    </context>
    <context>
        <name>Conflicts</name>
        <message>
            <source>Your change to {step}</source>
            <translation>Ihre Änderung an „{step}“</translation>
        </message>
        <message>
            <source>Your submission</source>
            <translation>Ihre Übermittlung</translation>
        </message>
        <message>
            <source>Your cancellation</source>
            <translation>Ihre Stornierung</translation>
        </message>
        <message>
            <source>Your change ({name})</source>
            <translation>Ihre Änderung ({name})</translation>
        </message>
        <message>
            <source>(−{discount})</source>
            <translation>(−{discount})</translation>
        </message>
        <message>
            <source>payment in {days} days</source>
            <translation>Zahlung in {days} Tagen</translation>
        </message>
        <message>
            <source>the sale was already marked “{status}” elsewhere (on another computer or by the server) before your change reached the server</source>
            <translation>der Verkauf war anderswo (auf einem anderen Computer oder vom Server) bereits auf „{status}“ gesetzt, bevor Ihre Änderung den Server erreichte</translation>
        </message>
        <message>
            <source>after the changes made elsewhere it is no longer valid: {reason}</source>
            <translation>nach den anderswo vorgenommenen Änderungen ist sie nicht mehr gültig: {reason}</translation>
        </message>
        <message>
            <source>it no longer fits the sale as it was changed elsewhere</source>
            <translation>sie passt nicht mehr zum anderswo geänderten Verkauf</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) made on this computer could not be applied after syncing, because this sale was changed elsewhere in the meantime. Nothing was deleted:</source>
            <translation>
                <numerusform>%n Änderung auf diesem Computer konnte nach der Synchronisierung nicht übernommen werden, weil dieser Verkauf inzwischen anderswo geändert wurde. Nichts wurde gelöscht:</numerusform>
                <numerusform>%n Änderungen auf diesem Computer konnten nach der Synchronisierung nicht übernommen werden, weil dieser Verkauf inzwischen anderswo geändert wurde. Nichts wurde gelöscht:</numerusform>
            </translation>
        </message>
        <message>
            <source>{change} ({when}) was not applied: {why}.</source>
            <translation>{change} ({when}) wurde nicht übernommen: {why}.</translation>
        </message>
        <message>
            <source>It held: {details}.</source>
            <translation>Sie enthielt: {details}.</translation>
        </message>
        <message>
            <source>The server refused this sale's latest changes: {reason}. They are kept on this computer and are sent again at the next sync.</source>
            <translation>Der Server hat die letzten Änderungen dieses Verkaufs abgelehnt: {reason}. Sie bleiben auf diesem Computer und werden bei der nächsten Synchronisierung erneut gesendet.</translation>
        </message>
        <message>
            <source>&amp;Apply again</source>
            <translation>Erneut &amp;anwenden</translation>
        </message>
        <message>
            <source>Apply the changes again</source>
            <translation>Die Änderungen erneut anwenden</translation>
        </message>
        <message>
            <source>&amp;Dismiss</source>
            <translation>&amp;Verwerfen</translation>
        </message>
        <message>
            <source>Dismiss the changes</source>
            <translation>Die Änderungen verwerfen</translation>
        </message>
        <message>
            <source>&amp;Edit {step}</source>
            <translation>„{step}“ &amp;bearbeiten</translation>
        </message>
        <message>
            <source>Edit {step}</source>
            <translation>„{step}“ bearbeiten</translation>
        </message>
    </context>
    <context>
        <name>ContactPage</name>
        <message>
            <source>Who at the customer receives the quote?</source>
            <translation>Wer beim Kunden erhält das Angebot?</translation>
        </message>
        <message>
            <source>Contact name</source>
            <translation>Name des Ansprechpartners</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Name:</translation>
        </message>
        <message>
            <source>E-mail address</source>
            <translation>E-Mail-Adresse</translation>
        </message>
        <message>
            <source>&amp;E-mail:</source>
            <translation>&amp;E-Mail:</translation>
        </message>
        <message>
            <source>Phone number (optional)</source>
            <translation>Telefonnummer (optional)</translation>
        </message>
        <message>
            <source>Optional. With + and the country code.</source>
            <translation>Optional. Mit + und Ländervorwahl.</translation>
        </message>
        <message>
            <source>&amp;Phone:</source>
            <translation>&amp;Telefon:</translation>
        </message>
    </context>
    <context>
        <name>CustomerPage</name>
        <message>
            <source>Enter the customer's VAT number. SalesDesk checks it in the EU VAT register (VIES) and fills in the company's name and address; you can still change them.</source>
            <extracomment>Offline-check problems that only mean "not finished typing" while the field has focus.</extracomment>
            <translation>Geben Sie die USt-IdNr. des Kunden ein. SalesDesk prüft sie im EU-Register (VIES) und trägt Firmenname und Adresse ein; Sie können beides noch ändern.</translation>
        </message>
        <message>
            <source>e.g. DE136695976</source>
            <translation>z. B. DE136695976</translation>
        </message>
        <message>
            <source>VAT number</source>
            <translation>USt-IdNr.</translation>
        </message>
        <message>
            <source>With the country code, e.g. DE136695976 or HU12892312</source>
            <translation>Mit Ländercode, z. B. DE136695976 oder HU12892312</translation>
        </message>
        <message>
            <source>&amp;VAT number:</source>
            <translation>&amp;USt-IdNr.:</translation>
        </message>
        <message>
            <source>Try a&amp;gain</source>
            <translation>Erneut &amp;versuchen</translation>
        </message>
        <message>
            <source>Try the VAT check again</source>
            <translation>USt-IdNr.-Prüfung erneut versuchen</translation>
        </message>
        <message>
            <source>VIES check:</source>
            <translation>VIES-Prüfung:</translation>
        </message>
        <message>
            <source>Company name</source>
            <translation>Firmenname</translation>
        </message>
        <message>
            <source>Filled in from VIES when the number is checked.</source>
            <translation>Wird nach der Prüfung aus VIES übernommen.</translation>
        </message>
        <message>
            <source>Use registry name</source>
            <translation>Namen aus dem Register übernehmen</translation>
        </message>
        <message>
            <source>Use the company name from the registry</source>
            <translation>Firmennamen aus dem Register übernehmen</translation>
        </message>
        <message>
            <source>Company &amp;name:</source>
            <translation>&amp;Firmenname:</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <source>Filled in from VIES when available.</source>
            <translation>Wird aus VIES übernommen, wenn verfügbar.</translation>
        </message>
        <message>
            <source>Use registry address</source>
            <translation>Adresse aus dem Register übernehmen</translation>
        </message>
        <message>
            <source>Use the address from the registry</source>
            <translation>Adresse aus dem Register übernehmen</translation>
        </message>
        <message>
            <source>&amp;Address:</source>
            <translation>&amp;Adresse:</translation>
        </message>
        <message>
            <source>Address check:</source>
            <translation>Adressprüfung:</translation>
        </message>
        <message>
            <source>{vat}: the format and check digit are right</source>
            <translation>{vat}: Format und Prüfziffer sind korrekt</translation>
        </message>
        <message>
            <source>Your own value; the registry says: {value}</source>
            <translation>Ihr eigener Wert; laut Register: {value}</translation>
        </message>
        <message>
            <source>Your own value (the registry has not answered yet).</source>
            <translation>Ihr eigener Wert (das Register hat noch nicht geantwortet).</translation>
        </message>
        <message>
            <source>From VIES. You can change it.</source>
            <translation>Aus VIES. Sie können es ändern.</translation>
        </message>
    </context>
    <context>
        <name>LinesModel</name>
        <message>
            <source>SKU</source>
            <translation>Artikelnr.</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Produkt</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>Menge</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>Stückpreis</translation>
        </message>
        <message>
            <source>Discount %</source>
            <translation>Rabatt %</translation>
        </message>
        <message>
            <source>Net</source>
            <translation>Netto</translation>
        </message>
        <message>
            <source>VAT</source>
            <translation>USt.</translation>
        </message>
        <message>
            <source>Gross</source>
            <translation>Brutto</translation>
        </message>
        <message>
            <source>(not in price list)</source>
            <translation>(nicht in der Preisliste)</translation>
        </message>
        <message>
            <source>Double-click or press F2 to change</source>
            <translation>Doppelklick oder F2 zum Ändern</translation>
        </message>
    </context>
    <context>
        <name>LinesPage</name>
        <message>
            <source>Pick products from the sale's price list (search by SKU or name), set the quantity and any discount. Totals update as you type.</source>
            <translation>Wählen Sie Produkte aus der Preisliste des Verkaufs (Suche nach Artikelnummer oder Name), legen Sie Menge und Rabatt fest. Die Summen werden beim Tippen aktualisiert.</translation>
        </message>
        <message>
            <source>Search by SKU, name or category</source>
            <translation>Nach Artikelnummer, Name oder Kategorie suchen</translation>
        </message>
        <message>
            <source>Search products</source>
            <translation>Produkte suchen</translation>
        </message>
        <message>
            <source>&amp;Find product:</source>
            <translation>Produkt &amp;suchen:</translation>
        </message>
        <message>
            <source>Products in the price list</source>
            <translation>Produkte der Preisliste</translation>
        </message>
        <message>
            <source>Quantity to add</source>
            <translation>Hinzuzufügende Menge</translation>
        </message>
        <message>
            <source>&amp;Quantity:</source>
            <translation>&amp;Menge:</translation>
        </message>
        <message>
            <source>Discount percent to add</source>
            <translation>Rabatt in Prozent</translation>
        </message>
        <message>
            <source>D&amp;iscount:</source>
            <translation>Ra&amp;batt:</translation>
        </message>
        <message>
            <source>&amp;Add line</source>
            <translation>Position &amp;hinzufügen</translation>
        </message>
        <message>
            <source>Add line</source>
            <translation>Position hinzufügen</translation>
        </message>
        <message>
            <source>Price list</source>
            <translation>Preisliste</translation>
        </message>
        <message>
            <source>Lines of the sale</source>
            <translation>Positionen des Verkaufs</translation>
        </message>
        <message>
            <source>&amp;Remove line</source>
            <translation>Position &amp;entfernen</translation>
        </message>
        <message>
            <source>Remove the selected line</source>
            <translation>Ausgewählte Position entfernen</translation>
        </message>
        <message>
            <source>Add at least one product.</source>
            <translation>Fügen Sie mindestens ein Produkt hinzu.</translation>
        </message>
        <message>
            <source>Lines</source>
            <translation>Positionen</translation>
        </message>
        <message>
            <source>Totals</source>
            <translation>Summen</translation>
        </message>
        <message>
            <source>The price list of this sale could not be read.</source>
            <translation>Die Preisliste dieses Verkaufs konnte nicht gelesen werden.</translation>
        </message>
        <message>
            <source>Pick a product in the list first.</source>
            <translation>Wählen Sie zuerst ein Produkt in der Liste.</translation>
        </message>
        <message>
            <source>quantity</source>
            <translation>Menge</translation>
        </message>
        <message>
            <source>discount</source>
            <translation>Rabatt</translation>
        </message>
        <message>
            <source>product</source>
            <translation>Produkt</translation>
        </message>
        <message>
            <source>Line {n} ({sku})</source>
            <translation>Position {n} ({sku})</translation>
        </message>
        <message>
            <source>Net before discount</source>
            <translation>Netto vor Rabatt</translation>
        </message>
        <message>
            <source>Discount</source>
            <translation>Rabatt</translation>
        </message>
        <message>
            <source>Net</source>
            <translation>Netto</translation>
        </message>
        <message>
            <source>VAT {rate} on {base}</source>
            <translation>USt. {rate} auf {base}</translation>
        </message>
        <message>
            <source>Gross total</source>
            <translation>Bruttosumme</translation>
        </message>
        <message>
            <source>Gross total {amount}</source>
            <translation>Bruttosumme {amount}</translation>
        </message>
        <message>
            <source>Double-click a quantity or discount to change it; Delete removes a line.</source>
            <translation>Doppelklick auf Menge oder Rabatt zum Ändern; Entf entfernt eine Position.</translation>
        </message>
        <message>
            <source>A discount above {threshold} needs a manager's approval before the sale can be submitted.</source>
            <translation>Ein Rabatt über {threshold} muss von einer Führungskraft freigegeben werden, bevor der Verkauf übermittelt werden kann.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>SalesDesk</source>
            <extracomment>After start-up, the sale editor's pages are built once off screen, one per idle turn, so that the first sale opens as fast as later ones (see sale.window.warm_up_steps).</extracomment>
            <translation>SalesDesk</translation>
        </message>
        <message>
            <source>&amp;New sale</source>
            <translation>&amp;Neuer Verkauf</translation>
        </message>
        <message>
            <source>Start a new sale (Ctrl+N)</source>
            <translation>Neuen Verkauf beginnen (Strg+N)</translation>
        </message>
        <message>
            <source>&amp;Open sale</source>
            <translation>Verkauf ö&amp;ffnen</translation>
        </message>
        <message>
            <source>&amp;Timeline…</source>
            <translation>&amp;Verlauf…</translation>
        </message>
        <message>
            <source>&amp;Quote PDF…</source>
            <translation>&amp;Angebot als PDF…</translation>
        </message>
        <message>
            <source>&amp;Cancel sale…</source>
            <translation>Verkauf s&amp;tornieren…</translation>
        </message>
        <message>
            <source>&amp;Import price list…</source>
            <translation>Preisliste &amp;importieren…</translation>
        </message>
        <message>
            <source>&amp;Sync now</source>
            <translation>Jetzt &amp;synchronisieren</translation>
        </message>
        <message>
            <source>&amp;Approvals…</source>
            <translation>&amp;Freigaben…</translation>
        </message>
        <message>
            <source>Se&amp;ttings…</source>
            <translation>&amp;Einstellungen…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>&amp;About SalesDesk</source>
            <translation>Ü&amp;ber SalesDesk</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>&amp;Sale</source>
            <translation>&amp;Verkauf</translation>
        </message>
        <message>
            <source>S&amp;ync</source>
            <translation>S&amp;ynchronisierung</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Hilfe</translation>
        </message>
        <message>
            <source>Main toolbar</source>
            <translation>Hauptwerkzeugleiste</translation>
        </message>
        <message>
            <source>Sales</source>
            <translation>Verkäufe</translation>
        </message>
        <message>
            <source>Search customer, VAT number, order…</source>
            <translation>Kunde, USt-IdNr., Auftrag suchen…</translation>
        </message>
        <message>
            <source>Search sales</source>
            <translation>Verkäufe suchen</translation>
        </message>
        <message>
            <source>Sea&amp;rch:</source>
            <translation>Su&amp;chen:</translation>
        </message>
        <message>
            <source>Show sales</source>
            <translation>Verkäufe anzeigen</translation>
        </message>
        <message>
            <source>All sales</source>
            <translation>Alle Verkäufe</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Offen</translation>
        </message>
        <message>
            <source>Needs approval</source>
            <translation>Freigabe nötig</translation>
        </message>
        <message>
            <source>Ready to submit</source>
            <translation>Bereit zur Übermittlung</translation>
        </message>
        <message>
            <source>Waiting for lookups</source>
            <translation>Wartet auf Prüfungen</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>Übermittelt</translation>
        </message>
        <message>
            <source>Cancelled or expired</source>
            <translation>Storniert oder abgelaufen</translation>
        </message>
        <message>
            <source>With sync conflicts</source>
            <translation>Mit Synchronisierungskonflikten</translation>
        </message>
        <message>
            <source>Sho&amp;w:</source>
            <translation>&amp;Zeigen:</translation>
        </message>
        <message>
            <source>New sale</source>
            <translation>Neuer Verkauf</translation>
        </message>
        <message>
            <source>No sales yet</source>
            <translation>Noch keine Verkäufe</translation>
        </message>
        <message>
            <source>Start your first sale with New sale (Ctrl+N). Everything you enter is kept on this computer as you go, online or not.</source>
            <translation>Beginnen Sie Ihren ersten Verkauf mit „Neuer Verkauf“ (Strg+N). Alles, was Sie eingeben, wird laufend auf diesem Computer gespeichert – online oder nicht.</translation>
        </message>
        <message>
            <source>Opening your sales…</source>
            <translation>Ihre Verkäufe werden geöffnet…</translation>
        </message>
        <message>
            <source>Import price list…</source>
            <translation>Preisliste importieren…</translation>
        </message>
        <message>
            <source>SalesDesk — {agent}</source>
            <translation>SalesDesk – {agent}</translation>
        </message>
        <message>
            <source>Your sales could not be opened.</source>
            <translation>Ihre Verkäufe konnten nicht geöffnet werden.</translation>
        </message>
        <message>
            <source>line {number}: </source>
            <translation>Zeile {number}: </translation>
        </message>
        <message>
            <source>The administrator's settings file {path} has a problem, so SalesDesk uses safe built-in values for what it could not read. Your work is not affected; please tell your administrator:</source>
            <translation>Die Einstellungsdatei des Administrators {path} enthält einen Fehler. SalesDesk verwendet daher sichere Standardwerte für alles, was nicht gelesen werden konnte. Ihre Arbeit ist nicht betroffen; bitte informieren Sie Ihren Administrator:</translation>
        </message>
        <message>
            <source>&amp;Hide</source>
            <translation>&amp;Ausblenden</translation>
        </message>
        <message numerus="yes">
            <source>Changes made on this computer to %n sale(s) could not be applied after syncing, because the sale had changed elsewhere in the meantime. Nothing was deleted: open the sale to apply them again or dismiss them.</source>
            <translation>
                <numerusform>Änderungen auf diesem Computer an %n Verkauf konnten nach der Synchronisierung nicht übernommen werden, weil der Verkauf inzwischen anderswo geändert wurde. Nichts wurde gelöscht: Öffnen Sie den Verkauf, um sie erneut anzuwenden oder zu verwerfen.</numerusform>
                <numerusform>Änderungen auf diesem Computer an %n Verkäufen konnten nach der Synchronisierung nicht übernommen werden, weil die Verkäufe inzwischen anderswo geändert wurden. Nichts wurde gelöscht: Öffnen Sie einen Verkauf, um sie erneut anzuwenden oder zu verwerfen.</numerusform>
            </translation>
        </message>
        <message>
            <source>Show them</source>
            <translation>Anzeigen</translation>
        </message>
        <message>
            <source>No price list yet</source>
            <translation>Noch keine Preisliste</translation>
        </message>
        <message>
            <source>A sale needs a price list, and this computer has none yet. Sync with the server, or load one with File › Import price list…</source>
            <translation>Ein Verkauf braucht eine Preisliste, und auf diesem Computer gibt es noch keine. Synchronisieren Sie mit dem Server oder laden Sie eine über Datei › Preisliste importieren…</translation>
        </message>
        <message>
            <source>The sale could not be started</source>
            <translation>Der Verkauf konnte nicht begonnen werden</translation>
        </message>
        <message>
            <source>Quote saved to {path}</source>
            <translation>Angebot gespeichert unter {path}</translation>
        </message>
        <message>
            <source>Cancel sale</source>
            <translation>Verkauf stornieren</translation>
        </message>
        <message>
            <source>Why is this sale cancelled? (The customer and your manager see this.)</source>
            <translation>Warum wird dieser Verkauf storniert? (Kunde und Führungskraft sehen das.)</translation>
        </message>
        <message>
            <source>Not cancelled</source>
            <translation>Nicht storniert</translation>
        </message>
        <message>
            <source>Please give a reason.</source>
            <translation>Bitte geben Sie einen Grund an.</translation>
        </message>
        <message>
            <source>The sale was not cancelled</source>
            <translation>Der Verkauf wurde nicht storniert</translation>
        </message>
        <message>
            <source>Import price list</source>
            <translation>Preisliste importieren</translation>
        </message>
        <message>
            <source>Price lists (*.json)</source>
            <translation>Preislisten (*.json)</translation>
        </message>
        <message>
            <source>Price list {version} is now used for new sales.</source>
            <translation>Preisliste {version} wird jetzt für neue Verkäufe verwendet.</translation>
        </message>
        <message>
            <source>The price list was not imported</source>
            <translation>Die Preisliste wurde nicht importiert</translation>
        </message>
        <message>
            <source>About SalesDesk</source>
            <translation>Über SalesDesk</translation>
        </message>
        <message>
            <source>&lt;b&gt;SalesDesk {version}&lt;/b&gt;&lt;p&gt;Sales that are saved as you type, work offline and sync when the network is back.&lt;/p&gt;</source>
            <translation>&lt;b&gt;SalesDesk {version}&lt;/b&gt;&lt;p&gt;Verkäufe, die beim Tippen gespeichert werden, offline funktionieren und synchronisieren, sobald das Netzwerk zurück ist.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>{step} is not filled in yet</source>
            <translation>„{step}“ ist noch nicht ausgefüllt</translation>
        </message>
        <message>
            <source>{step} must be confirmed again ({changed} changed)</source>
            <translation>„{step}“ muss erneut bestätigt werden („{changed}“ wurde geändert)</translation>
        </message>
        <message>
            <source>the VAT number is still being checked</source>
            <translation>die USt-IdNr. wird noch geprüft</translation>
        </message>
        <message>
            <source>the VAT number could not be checked: {error}</source>
            <translation>die USt-IdNr. konnte nicht geprüft werden: {error}</translation>
        </message>
        <message>
            <source>VAT number {vat} is not registered in VIES; correct it</source>
            <translation>die USt-IdNr. {vat} ist nicht in VIES registriert; bitte korrigieren</translation>
        </message>
        <message>
            <source>the credit check is still running</source>
            <translation>die Bonitätsprüfung läuft noch</translation>
        </message>
        <message>
            <source>the credit check failed: {error}</source>
            <translation>die Bonitätsprüfung ist fehlgeschlagen: {error}</translation>
        </message>
        <message>
            <source>the credit bureau did not approve this order ({reason})</source>
            <translation>die Auskunftei hat diesen Auftrag nicht genehmigt ({reason})</translation>
        </message>
        <message>
            <source>the credit bureau did not approve this order (no reason given)</source>
            <translation>die Auskunftei hat diesen Auftrag nicht genehmigt (ohne Angabe von Gründen)</translation>
        </message>
        <message>
            <source>the gross total {gross} exceeds the approved credit limit {limit}</source>
            <translation>die Bruttosumme {gross} übersteigt das genehmigte Kreditlimit {limit}</translation>
        </message>
        <message>
            <source>the credit check has not run yet</source>
            <translation>die Bonitätsprüfung ist noch nicht gelaufen</translation>
        </message>
        <message>
            <source>the address is still being checked</source>
            <translation>die Adresse wird noch geprüft</translation>
        </message>
        <message>
            <source>a manager must approve the {discount} discount (above {threshold})</source>
            <translation>eine Führungskraft muss den Rabatt von {discount} genehmigen (über {threshold})</translation>
        </message>
        <message>
            <source>the manager rejected the discount; lower it to resubmit</source>
            <translation>die Führungskraft hat den Rabatt abgelehnt; senken Sie ihn, um erneut einzureichen</translation>
        </message>
        <message>
            <source>the manager rejected the discount: {comment}; lower it to resubmit</source>
            <translation>die Führungskraft hat den Rabatt abgelehnt: {comment}; senken Sie ihn, um erneut einzureichen</translation>
        </message>
        <message>
            <source>automatic submission stopped: {problems}</source>
            <translation>automatische Übermittlung gestoppt: {problems}</translation>
        </message>
        <message>
            <source>{changed} changed</source>
            <translation>„{changed}“ wurde geändert</translation>
        </message>
        <message>
            <source>the VAT number is not registered in VIES</source>
            <translation>die USt-IdNr. ist nicht in VIES registriert</translation>
        </message>
        <message>
            <source>Sale started by {agent} with price list {version}</source>
            <translation>Verkauf begonnen von {agent} mit Preisliste {version}</translation>
        </message>
        <message>
            <source>Customer set: VAT {vat}</source>
            <translation>Kunde festgelegt: USt-IdNr. {vat}</translation>
        </message>
        <message>
            <source>Customer set: VAT {vat}, company name “{name}”</source>
            <translation>Kunde festgelegt: USt-IdNr. {vat}, Firmenname „{name}“</translation>
        </message>
        <message>
            <source>Contact set: {name} &lt;{email}&gt;</source>
            <translation>Kontakt festgelegt: {name} &lt;{email}&gt;</translation>
        </message>
        <message>
            <source>Lines set: {lines}</source>
            <translation>Positionen festgelegt: {lines}</translation>
        </message>
        <message>
            <source>Terms set: payment in {days} days</source>
            <translation>Bedingungen festgelegt: Zahlung in {days} Tagen</translation>
        </message>
        <message>
            <source>Submitted by the agent</source>
            <translation>Vom Vertriebsmitarbeiter übermittelt</translation>
        </message>
        <message>
            <source>Cancelled: {reason}</source>
            <translation>Storniert: {reason}</translation>
        </message>
        <message>
            <source>Discount approved</source>
            <translation>Rabatt genehmigt</translation>
        </message>
        <message>
            <source>Discount approved — {comment}</source>
            <translation>Rabatt genehmigt — {comment}</translation>
        </message>
        <message>
            <source>Discount rejected</source>
            <translation>Rabatt abgelehnt</translation>
        </message>
        <message>
            <source>Discount rejected — {comment}</source>
            <translation>Rabatt abgelehnt — {comment}</translation>
        </message>
        <message>
            <source>Order accepted: order number {order}</source>
            <translation>Auftrag angenommen: Auftragsnummer {order}</translation>
        </message>
        <message>
            <source>Signal {name}</source>
            <translation>Signal {name}</translation>
        </message>
        <message>
            <source>Started: {lookup}</source>
            <translation>Gestartet: {lookup}</translation>
        </message>
        <message>
            <source>Finished: {lookup} (attempt {attempts})</source>
            <translation>Abgeschlossen: {lookup} (Versuch {attempts})</translation>
        </message>
        <message>
            <source>Finished: {lookup} — valid, {name} (attempt {attempts})</source>
            <translation>Abgeschlossen: {lookup} — gültig, {name} (Versuch {attempts})</translation>
        </message>
        <message>
            <source>Finished: {lookup} — valid (attempt {attempts})</source>
            <translation>Abgeschlossen: {lookup} — gültig (Versuch {attempts})</translation>
        </message>
        <message>
            <source>Finished: {lookup} — NOT valid (attempt {attempts})</source>
            <translation>Abgeschlossen: {lookup} — NICHT gültig (Versuch {attempts})</translation>
        </message>
        <message>
            <source>Finished: {lookup} — NOT valid, {name} (attempt {attempts})</source>
            <translation>Abgeschlossen: {lookup} — NICHT gültig, {name} (Versuch {attempts})</translation>
        </message>
        <message>
            <source>Finished: {lookup} — approved, limit {limit}, rating {rating} (attempt {attempts})</source>
            <translation>Abgeschlossen: {lookup} — genehmigt, Limit {limit}, Bewertung {rating} (Versuch {attempts})</translation>
        </message>
        <message>
            <source>Finished: {lookup} — declined, limit {limit}, rating {rating} (attempt {attempts})</source>
            <translation>Abgeschlossen: {lookup} — abgelehnt, Limit {limit}, Bewertung {rating} (Versuch {attempts})</translation>
        </message>
        <message>
            <source>Finished: {lookup} — {address} (attempt {attempts})</source>
            <translation>Abgeschlossen: {lookup} — {address} (Versuch {attempts})</translation>
        </message>
        <message>
            <source>Finished: {lookup} — address not found (attempt {attempts})</source>
            <translation>Abgeschlossen: {lookup} — Adresse nicht gefunden (Versuch {attempts})</translation>
        </message>
        <message>
            <source>{lookup} failed: {error}</source>
            <translation>{lookup} fehlgeschlagen: {error}</translation>
        </message>
        <message>
            <source>{lookup} cancelled</source>
            <translation>{lookup} abgebrochen</translation>
        </message>
        <message>
            <source>Quote valid until {date}</source>
            <translation>Angebot gültig bis {date}</translation>
        </message>
        <message>
            <source>Quote validity ran out</source>
            <translation>Angebotsgültigkeit abgelaufen</translation>
        </message>
        <message>
            <source>Process version marker {patch}</source>
            <translation>Prozessversions-Markierung {patch}</translation>
        </message>
        <message>
            <source>Sale closed: {status}</source>
            <translation>Verkauf abgeschlossen: {status}</translation>
        </message>
        <message>
            <source>Sale failed: {error}</source>
            <translation>Verkauf fehlgeschlagen: {error}</translation>
        </message>
        <message>
            <source>{type}</source>
            <translation>{type}</translation>
        </message>
    </context>
    <context>
        <name>ProductsModel</name>
        <message>
            <source>SKU</source>
            <translation>Artikelnr.</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Produkt</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Einheit</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>Stückpreis</translation>
        </message>
        <message>
            <source>VAT</source>
            <translation>USt.</translation>
        </message>
    </context>
    <context>
        <name>Quote</name>
        <message>
            <source>VAT number</source>
            <translation>USt-IdNr.</translation>
        </message>
        <message>
            <source>Attn.</source>
            <translation>z. Hd.</translation>
        </message>
        <message>
            <source>Payment in advance.</source>
            <translation>Vorauskasse.</translation>
        </message>
        <message>
            <source>Delivery on {date}.</source>
            <translation>Lieferung am {date}.</translation>
        </message>
        <message>
            <source>This quote is valid until {date}.</source>
            <translation>Dieses Angebot gilt bis {date}.</translation>
        </message>
        <message>
            <source>Quote</source>
            <translation>Angebot</translation>
        </message>
        <message>
            <source>Prepared by</source>
            <translation>Erstellt von</translation>
        </message>
        <message>
            <source>Price list</source>
            <translation>Preisliste</translation>
        </message>
        <message>
            <source>For</source>
            <translation>Für</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Produkt</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>Menge</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>Stückpreis</translation>
        </message>
        <message>
            <source>Discount</source>
            <translation>Rabatt</translation>
        </message>
        <message>
            <source>Net</source>
            <translation>Netto</translation>
        </message>
        <message>
            <source>VAT</source>
            <translation>USt.</translation>
        </message>
        <message>
            <source>Gross</source>
            <translation>Brutto</translation>
        </message>
        <message>
            <source>VAT breakdown</source>
            <translation>Umsatzsteuer nach Sätzen</translation>
        </message>
        <message>
            <source>Rate</source>
            <translation>Satz</translation>
        </message>
        <message>
            <source>Net before discount</source>
            <translation>Netto vor Rabatt</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Gesamt</translation>
        </message>
        <message numerus="yes">
            <source>Payment within %n day(s) of the invoice date.</source>
            <translation>
                <numerusform>Zahlung innerhalb von %n Tag nach Rechnungsdatum.</numerusform>
                <numerusform>Zahlung innerhalb von %n Tagen nach Rechnungsdatum.</numerusform>
            </translation>
        </message>
        <message>
            <source>Save quote as PDF</source>
            <translation>Angebot als PDF speichern</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>PDF-Dokumente (*.pdf)</translation>
        </message>
        <message>
            <source>The quote was not saved</source>
            <translation>Das Angebot wurde nicht gespeichert</translation>
        </message>
        <message>
            <source>The quote could not be saved: {reason}</source>
            <translation>Das Angebot konnte nicht gespeichert werden: {reason}</translation>
        </message>
        <message>
            <source>Saving the quote…</source>
            <translation>Angebot wird gespeichert…</translation>
        </message>
    </context>
    <context>
        <name>ReviewPage</name>
        <message>
            <source>Go to {step}</source>
            <translation>Zu „{step}“</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>Prüfen</translation>
        </message>
        <message>
            <source>Summary of the sale</source>
            <translation>Zusammenfassung des Verkaufs</translation>
        </message>
        <message>
            <source>This sale was submitted.</source>
            <translation>Dieser Verkauf wurde übermittelt.</translation>
        </message>
        <message>
            <source>Submitting as soon as the lookups below have finished.</source>
            <translation>Wird übermittelt, sobald die Prüfungen unten abgeschlossen sind.</translation>
        </message>
        <message>
            <source>Everything is in place. Press Submit to send the order.</source>
            <translation>Alles ist vollständig. Drücken Sie „Übermitteln“, um den Auftrag zu senden.</translation>
        </message>
        <message numerus="yes">
            <source>%n thing(s) to settle before this sale can be submitted:</source>
            <translation>
                <numerusform>%n Punkt ist noch zu klären, bevor dieser Verkauf übermittelt werden kann:</numerusform>
                <numerusform>%n Punkte sind noch zu klären, bevor dieser Verkauf übermittelt werden kann:</numerusform>
            </translation>
        </message>
        <message>
            <source>Not filled in yet</source>
            <translation>Noch nicht ausgefüllt</translation>
        </message>
        <message>
            <source>(name not known yet)</source>
            <translation>(Name noch unbekannt)</translation>
        </message>
        <message>
            <source>entered by you</source>
            <translation>von Ihnen eingegeben</translation>
        </message>
        <message>
            <source>VAT number {vat}</source>
            <translation>USt-IdNr. {vat}</translation>
        </message>
        <message>
            <source>VIES consultation {number}</source>
            <translation>VIES-Abfrage {number}</translation>
        </message>
        <message>
            <source>No contact yet</source>
            <translation>Noch kein Kontakt</translation>
        </message>
        <message numerus="yes">
            <source>Payment within %n day(s)</source>
            <translation>
                <numerusform>Zahlung innerhalb von %n Tag</numerusform>
                <numerusform>Zahlung innerhalb von %n Tagen</numerusform>
            </translation>
        </message>
        <message>
            <source>Payment in advance</source>
            <translation>Vorauskasse</translation>
        </message>
        <message>
            <source>Delivery on {date}</source>
            <translation>Lieferung am {date}</translation>
        </message>
        <message>
            <source>No terms yet</source>
            <translation>Noch keine Bedingungen</translation>
        </message>
        <message>
            <source>Quote valid until {date}</source>
            <translation>Angebot gültig bis {date}</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>Kunde</translation>
        </message>
        <message>
            <source>Contact and terms</source>
            <translation>Kontakt und Bedingungen</translation>
        </message>
        <message>
            <source>Lines and totals</source>
            <translation>Positionen und Summen</translation>
        </message>
        <message>
            <source>Checks and approval</source>
            <translation>Prüfungen und Freigabe</translation>
        </message>
        <message>
            <source>No lines yet</source>
            <translation>Noch keine Positionen</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Produkt</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>Menge</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>Stückpreis</translation>
        </message>
        <message>
            <source>Discount</source>
            <translation>Rabatt</translation>
        </message>
        <message>
            <source>Net</source>
            <translation>Netto</translation>
        </message>
        <message>
            <source>VAT</source>
            <translation>USt.</translation>
        </message>
        <message>
            <source>Gross</source>
            <translation>Brutto</translation>
        </message>
        <message>
            <source>of which discount</source>
            <translation>davon Rabatt</translation>
        </message>
        <message>
            <source>VAT {rate} on {base}</source>
            <translation>USt. {rate} auf {base}</translation>
        </message>
        <message>
            <source>Gross total</source>
            <translation>Bruttosumme</translation>
        </message>
        <message>
            <source>No lookups yet: they start when the VAT number is entered.</source>
            <translation>Noch keine Prüfungen: Sie beginnen, sobald die USt-IdNr. eingegeben ist.</translation>
        </message>
        <message>
            <source>Not needed (no discount above {t})</source>
            <translation>Nicht nötig (kein Rabatt über {t})</translation>
        </message>
        <message>
            <source>Waiting for a manager: {d} discount is above {t}</source>
            <translation>Wartet auf eine Führungskraft: {d} Rabatt liegt über {t}</translation>
        </message>
        <message>
            <source>Approved by {who}</source>
            <translation>Freigegeben von {who}</translation>
        </message>
        <message>
            <source>Rejected by {who}</source>
            <translation>Abgelehnt von {who}</translation>
        </message>
        <message>
            <source>a manager</source>
            <translation>einer Führungskraft</translation>
        </message>
        <message>
            <source>Discount approval</source>
            <translation>Rabattfreigabe</translation>
        </message>
    </context>
    <context>
        <name>SaleWindow</name>
        <message>
            <source>Sale</source>
            <translation>Verkauf</translation>
        </message>
        <message>
            <source>Opening the sale…</source>
            <translation>Verkauf wird geöffnet…</translation>
        </message>
        <message>
            <source>&amp;Timeline</source>
            <translation>&amp;Verlauf</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translation>Verlauf</translation>
        </message>
        <message>
            <source>&amp;Quote PDF</source>
            <translation>&amp;Angebot als PDF</translation>
        </message>
        <message>
            <source>Quote PDF</source>
            <translation>Angebot als PDF</translation>
        </message>
        <message>
            <source>Cancel sa&amp;le…</source>
            <translation>Verkauf s&amp;tornieren…</translation>
        </message>
        <message>
            <source>Cancel sale</source>
            <translation>Verkauf stornieren</translation>
        </message>
        <message>
            <source>&amp;Back</source>
            <translation>&amp;Zurück</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Zurück</translation>
        </message>
        <message>
            <source>&amp;Next</source>
            <translation>&amp;Weiter</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <source>Restored what you typed on {when} but had not saved yet.</source>
            <translation>Wiederhergestellt, was Sie am {when} eingegeben, aber noch nicht gespeichert hatten.</translation>
        </message>
        <message>
            <source>&amp;Discard these changes</source>
            <translation>Diese Änderungen &amp;verwerfen</translation>
        </message>
        <message>
            <source>This sale could not be opened</source>
            <translation>Dieser Verkauf konnte nicht geöffnet werden</translation>
        </message>
        <message>
            <source>New sale</source>
            <translation>Neuer Verkauf</translation>
        </message>
        <message>
            <source>Sale — {name}</source>
            <translation>Verkauf – {name}</translation>
        </message>
        <message>
            <source>new</source>
            <translation>neu</translation>
        </message>
        <message>
            <source>Quote valid until {date}</source>
            <translation>Angebot gültig bis {date}</translation>
        </message>
        <message>
            <source>Price list {version}</source>
            <translation>Preisliste {version}</translation>
        </message>
        <message>
            <source>Total {gross}</source>
            <translation>Summe {gross}</translation>
        </message>
        <message>
            <source>Order {number}</source>
            <translation>Auftrag {number}</translation>
        </message>
        <message>
            <source>This sale is waiting for its lookups and then submits by itself; it cannot be changed meanwhile.</source>
            <translation>Dieser Verkauf wartet auf seine Prüfungen und wird dann selbsttätig übermittelt; bis dahin kann er nicht geändert werden.</translation>
        </message>
        <message>
            <source>This sale was submitted; it can no longer be changed.</source>
            <translation>Dieser Verkauf wurde übermittelt; er kann nicht mehr geändert werden.</translation>
        </message>
        <message>
            <source>This sale was cancelled: {reason}</source>
            <translation>Dieser Verkauf wurde storniert: {reason}</translation>
        </message>
        <message>
            <source>The quote expired on {date}.</source>
            <translation>Das Angebot ist am {date} abgelaufen.</translation>
        </message>
        <message>
            <source>&amp;Confirm and continue</source>
            <translation>&amp;Bestätigen und weiter</translation>
        </message>
        <message>
            <source>Check this step and confirm it again.</source>
            <translation>Prüfen Sie diesen Schritt und bestätigen Sie ihn erneut.</translation>
        </message>
        <message>
            <source>&amp;Save and continue</source>
            <translation>&amp;Speichern und weiter</translation>
        </message>
        <message>
            <source>Saved on this computer when you continue (Ctrl+Enter).</source>
            <translation>Wird beim Weitergehen auf diesem Computer gespeichert (Strg+Eingabe).</translation>
        </message>
        <message>
            <source>&amp;Submit sale</source>
            <translation>Verkauf &amp;übermitteln</translation>
        </message>
        <message>
            <source>Lookups are still running: submit now and the sale submits by itself when they finish.</source>
            <translation>Prüfungen laufen noch: Jetzt übermitteln, und der Verkauf wird selbsttätig übermittelt, sobald sie fertig sind.</translation>
        </message>
        <message>
            <source>Settle the points above to submit.</source>
            <translation>Klären Sie die Punkte oben, um zu übermitteln.</translation>
        </message>
        <message>
            <source>The sale was not submitted: {reason}</source>
            <translation>Der Verkauf wurde nicht übermittelt: {reason}</translation>
        </message>
        <message>
            <source>Why is this sale cancelled?</source>
            <translation>Warum wird dieser Verkauf storniert?</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) still could not be applied; the reasons are shown above. Edit the step to enter them differently, or dismiss them.</source>
            <translation>
                <numerusform>%n Änderung konnte weiterhin nicht übernommen werden; die Gründe stehen oben. Bearbeiten Sie den Schritt, um sie anders einzugeben, oder verwerfen Sie sie.</numerusform>
                <numerusform>%n Änderungen konnten weiterhin nicht übernommen werden; die Gründe stehen oben. Bearbeiten Sie den Schritt, um sie anders einzugeben, oder verwerfen Sie sie.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) applied again.</source>
            <translation>
                <numerusform>%n Änderung erneut angewendet.</numerusform>
                <numerusform>%n Änderungen erneut angewendet.</numerusform>
            </translation>
        </message>
        <message>
            <source>Applying your changes again…</source>
            <translation>Ihre Änderungen werden erneut angewendet…</translation>
        </message>
        <message>
            <source>Dismiss changes</source>
            <translation>Änderungen verwerfen</translation>
        </message>
        <message>
            <source>Dismiss the changes that could not be applied? They are removed from this computer; the sale stays as it is now.</source>
            <translation>Die nicht übernommenen Änderungen verwerfen? Sie werden von diesem Computer entfernt; der Verkauf bleibt, wie er jetzt ist.</translation>
        </message>
    </context>
    <context>
        <name>SalesTableModel</name>
        <message>
            <source>Customer</source>
            <translation>Kunde</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Gross total</source>
            <translation>Bruttosumme</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>Schritt</translation>
        </message>
        <message>
            <source>Last change</source>
            <translation>Letzte Änderung</translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>Sync</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) made on this computer could not be applied after syncing; open the sale to apply them again or dismiss them</source>
            <translation>
                <numerusform>%n Änderung von diesem Computer konnte nach der Synchronisierung nicht übernommen werden; öffnen Sie den Verkauf, um sie erneut anzuwenden oder zu verwerfen</numerusform>
                <numerusform>%n Änderungen von diesem Computer konnten nach der Synchronisierung nicht übernommen werden; öffnen Sie den Verkauf, um sie erneut anzuwenden oder zu verwerfen</numerusform>
            </translation>
        </message>
        <message>
            <source>Everything is uploaded</source>
            <translation>Alles ist hochgeladen</translation>
        </message>
        <message numerus="yes">
            <source>%n event(s) not uploaded yet</source>
            <translation>
                <numerusform>%n Ereignis noch nicht hochgeladen</numerusform>
                <numerusform>%n Ereignisse noch nicht hochgeladen</numerusform>
            </translation>
        </message>
        <message>
            <source>(no customer yet)</source>
            <translation>(noch kein Kunde)</translation>
        </message>
        <message numerus="yes">
            <source>%n conflict(s)</source>
            <translation>
                <numerusform>%n Konflikt</numerusform>
                <numerusform>%n Konflikte</numerusform>
            </translation>
        </message>
        <message>
            <source>Uploaded</source>
            <translation>Hochgeladen</translation>
        </message>
        <message numerus="yes">
            <source>%n to upload</source>
            <translation>
                <numerusform>%n hochzuladen</numerusform>
                <numerusform>%n hochzuladen</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <source>Server URL</source>
            <translation>Server-URL</translation>
        </message>
        <message>
            <source>Server &amp;URL:</source>
            <translation>Server-&amp;URL:</translation>
        </message>
        <message>
            <source>Locked by your administrator in {path}</source>
            <translation>Von Ihrem Administrator festgelegt in {path}</translation>
        </message>
        <message>
            <source>Set by your administrator: {reason}</source>
            <translation>Von Ihrer Administration festgelegt: {reason}</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <source>User &amp;name:</source>
            <translation>&amp;Benutzername:</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>&amp;Passwort:</translation>
        </message>
        <message>
            <source>&amp;Sign in</source>
            <translation>&amp;Anmelden</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Anmelden</translation>
        </message>
        <message>
            <source>Sign &amp;out</source>
            <translation>Ab&amp;melden</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>Abmelden</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Sprache</translation>
        </message>
        <message>
            <source>System default</source>
            <translation>Systemstandard</translation>
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation>&amp;Sprache:</translation>
        </message>
        <message>
            <source>A new language takes effect the next time SalesDesk starts; windows that are open now keep their language.</source>
            <translation>Eine neue Sprache gilt ab dem nächsten Start von SalesDesk; bereits geöffnete Fenster behalten ihre Sprache.</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <source>Saved when you close Settings. SalesDesk speaks {language} from its next start: close it and open it again to switch now (nothing is lost).</source>
            <translation>Wird beim Schließen der Einstellungen gespeichert. SalesDesk spricht ab dem nächsten Start {language}: Schließen und erneut öffnen, um jetzt zu wechseln (es geht nichts verloren).</translation>
        </message>
        <message>
            <source>Set by your administrator</source>
            <translation>Von Ihrem Administrator festgelegt</translation>
        </message>
        <message>
            <source>These settings come from {path}. Locked ones cannot be changed here.</source>
            <translation>Diese Einstellungen stammen aus {path}. Gesperrte Einstellungen können hier nicht geändert werden.</translation>
        </message>
        <message>
            <source>Locked by your administrator</source>
            <translation>Von Ihrem Administrator gesperrt</translation>
        </message>
        <message>
            <source>locked</source>
            <translation>gesperrt</translation>
        </message>
        <message>
            <source>Server URL:</source>
            <translation>Server-URL:</translation>
        </message>
        <message>
            <source>Extra trusted certificates:</source>
            <translation>Zusätzlich vertraute Zertifikate:</translation>
        </message>
        <message>
            <source>Syncing:</source>
            <translation>Synchronisierung:</translation>
        </message>
        <message>
            <source>Sync every:</source>
            <translation>Synchronisieren alle:</translation>
        </message>
        <message>
            <source>Command line waits for lookups:</source>
            <translation>Kommandozeile wartet auf Abfragen:</translation>
        </message>
        <message>
            <source>Quotes are valid for:</source>
            <translation>Angebote gültig für:</translation>
        </message>
        <message>
            <source>Manager approval for discounts above:</source>
            <translation>Freigabe durch Vorgesetzte für Rabatte über:</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>Sprache:</translation>
        </message>
        <message>
            <source>(not set)</source>
            <translation>(nicht gesetzt)</translation>
        </message>
        <message>
            <source>On</source>
            <translation>Ein</translation>
        </message>
        <message>
            <source>Off — this computer never syncs</source>
            <translation>Aus — dieser Computer synchronisiert nie</translation>
        </message>
        <message numerus="yes">
            <source>%n second(s)</source>
            <translation>
                <numerusform>%n Sekunde</numerusform>
                <numerusform>%n Sekunden</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n Tag</numerusform>
                <numerusform>%n Tage</numerusform>
            </translation>
        </message>
        <message>
            <source>Your administrator turned syncing off for this computer (in {path}). Your sales stay on this computer.</source>
            <translation>Ihr Administrator hat die Synchronisierung für diesen Computer ausgeschaltet (in {path}). Ihre Verkäufe bleiben auf diesem Computer.</translation>
        </message>
        <message>
            <source>manager</source>
            <translation>Führungskraft</translation>
        </message>
        <message>
            <source>agent</source>
            <translation>Verkäufer</translation>
        </message>
        <message>
            <source>Signed in as {user} ({role})</source>
            <translation>Angemeldet als {user} ({role})</translation>
        </message>
        <message>
            <source>Your session ended — sign in again to sync.</source>
            <translation>Ihre Sitzung ist abgelaufen – melden Sie sich erneut an, um zu synchronisieren.</translation>
        </message>
        <message>
            <source>Not signed in. Your sales stay on this computer.</source>
            <translation>Nicht angemeldet. Ihre Verkäufe bleiben auf diesem Computer.</translation>
        </message>
        <message>
            <source>Enter the server URL, your user name and your password.</source>
            <translation>Geben Sie Server-URL, Benutzernamen und Passwort ein.</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>Anmeldung läuft…</translation>
        </message>
    </context>
    <context>
        <name>StepList</name>
        <message>
            <source>Steps of the sale</source>
            <extracomment>state -&gt; (icon, colour token)</extracomment>
            <translation>Schritte des Verkaufs</translation>
        </message>
    </context>
    <context>
        <name>StepPage</name>
        <message>
            <source>{note} since this step was confirmed: check it and confirm it again.</source>
            <translation>{note}, seit dieser Schritt bestätigt wurde: Bitte prüfen und erneut bestätigen.</translation>
        </message>
    </context>
    <context>
        <name>SubmitPage</name>
        <message>
            <source>Submit</source>
            <translation>Übermitteln</translation>
        </message>
        <message>
            <source>Lookups</source>
            <translation>Prüfungen</translation>
        </message>
        <message>
            <source>Order accepted — order number {number}</source>
            <translation>Auftrag angenommen – Auftragsnummer {number}</translation>
        </message>
        <message>
            <source>The server confirmed the order. Nothing more to do here.</source>
            <translation>Der Server hat den Auftrag bestätigt. Hier ist nichts mehr zu tun.</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>Übermittelt</translation>
        </message>
        <message>
            <source>The sale is complete on this computer. It is uploaded with the next sync and gets its order number from the server.</source>
            <translation>Der Verkauf ist auf diesem Computer abgeschlossen. Er wird mit der nächsten Synchronisierung hochgeladen und erhält seine Auftragsnummer vom Server.</translation>
        </message>
        <message>
            <source>Waiting for lookups, then submitting by itself</source>
            <translation>Wartet auf Prüfungen und wird dann selbsttätig übermittelt</translation>
        </message>
        <message>
            <source>You can close this window or keep working: when the checks below finish (also after the network comes back), the sale is submitted automatically.</source>
            <translation>Sie können dieses Fenster schließen oder weiterarbeiten: Sobald die Prüfungen unten abgeschlossen sind (auch wenn das Netzwerk erst später zurückkommt), wird der Verkauf automatisch übermittelt.</translation>
        </message>
        <message>
            <source>Automatic submission stopped</source>
            <translation>Automatische Übermittlung angehalten</translation>
        </message>
        <message>
            <source>Not submitted yet</source>
            <translation>Noch nicht übermittelt</translation>
        </message>
        <message>
            <source>Check the Review step, then press Submit.</source>
            <translation>Prüfen Sie den Schritt „Prüfen“ und drücken Sie dann „Übermitteln“.</translation>
        </message>
    </context>
    <context>
        <name>SyncStatusBar</name>
        <message>
            <source>Working</source>
            <translation>Beschäftigt</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Jetzt synchronisieren</translation>
        </message>
        <message>
            <source>Upload and download changes now (F5)</source>
            <translation>Änderungen jetzt hoch- und herunterladen (F5)</translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation>Synchronisiert…</translation>
        </message>
        <message>
            <source>Sign in again to sync</source>
            <translation>Zum Synchronisieren erneut anmelden</translation>
        </message>
        <message>
            <source>Online — {user} at {host}</source>
            <translation>Online – {user} bei {host}</translation>
        </message>
        <message>
            <source>Offline — changes upload when the network is back</source>
            <translation>Offline – Änderungen werden hochgeladen, sobald das Netzwerk zurück ist</translation>
        </message>
        <message>
            <source>Not connected — local only</source>
            <translation>Nicht verbunden – nur lokal</translation>
        </message>
        <message>
            <source>Last sync {when}</source>
            <translation>Letzte Synchronisierung {when}</translation>
        </message>
        <message>
            <source>Never synced</source>
            <translation>Noch nie synchronisiert</translation>
        </message>
        <message numerus="yes">
            <source>%n event(s) waiting to upload</source>
            <translation>
                <numerusform>%n Ereignis wartet auf Upload</numerusform>
                <numerusform>%n Ereignisse warten auf Upload</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing waiting to upload</source>
            <translation>Nichts wartet auf Upload</translation>
        </message>
        <message numerus="yes">
            <source>%n lookup(s) waiting</source>
            <translation>
                <numerusform>%n Prüfung wartet</numerusform>
                <numerusform>%n Prüfungen warten</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n lookup(s) failed</source>
            <translation>
                <numerusform>%n Prüfung fehlgeschlagen</numerusform>
                <numerusform>%n Prüfungen fehlgeschlagen</numerusform>
            </translation>
        </message>
        <message>
            <source>No lookups waiting</source>
            <translation>Keine Prüfungen offen</translation>
        </message>
    </context>
    <context>
        <name>TermsPage</name>
        <message>
            <source>Payment and delivery as agreed with the customer.</source>
            <translation>Zahlung und Lieferung wie mit dem Kunden vereinbart.</translation>
        </message>
        <message>
            <source> days</source>
            <translation> Tage</translation>
        </message>
        <message>
            <source>Payment terms in days</source>
            <translation>Zahlungsziel in Tagen</translation>
        </message>
        <message>
            <source>0 means payment in advance; at most 120 days.</source>
            <translation>0 bedeutet Vorauskasse; höchstens 120 Tage.</translation>
        </message>
        <message>
            <source>Pa&amp;yment terms:</source>
            <translation>&amp;Zahlungsziel:</translation>
        </message>
        <message>
            <source>A &amp;delivery date was agreed</source>
            <translation>Ein &amp;Liefertermin wurde vereinbart</translation>
        </message>
        <message>
            <source>A delivery date was agreed</source>
            <translation>Ein Liefertermin wurde vereinbart</translation>
        </message>
        <message>
            <source>Delivery date</source>
            <translation>Liefertermin</translation>
        </message>
        <message>
            <source>De&amp;livery:</source>
            <translation>Lie&amp;ferung:</translation>
        </message>
        <message>
            <source>Notes for the quote</source>
            <translation>Hinweise für das Angebot</translation>
        </message>
        <message>
            <source>Anything the customer should read on the quote</source>
            <translation>Was der Kunde im Angebot lesen soll</translation>
        </message>
        <message>
            <source>Optional, up to 2000 characters.</source>
            <translation>Optional, bis zu 2000 Zeichen.</translation>
        </message>
        <message>
            <source>N&amp;otes:</source>
            <translation>&amp;Hinweise:</translation>
        </message>
    </context>
    <context>
        <name>Texts</name>
        <message>
            <source>Draft</source>
            <translation>Entwurf</translation>
        </message>
        <message>
            <source>Waiting for lookups</source>
            <translation>Wartet auf Prüfungen</translation>
        </message>
        <message>
            <source>Needs approval</source>
            <translation>Freigabe nötig</translation>
        </message>
        <message>
            <source>Ready to submit</source>
            <translation>Bereit zur Übermittlung</translation>
        </message>
        <message>
            <source>Submitting</source>
            <translation>Wird übermittelt</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>Übermittelt</translation>
        </message>
        <message>
            <source>Accepted</source>
            <translation>Angenommen</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Storniert</translation>
        </message>
        <message>
            <source>Expired</source>
            <translation>Abgelaufen</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Offen</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>Kunde</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>Kontakt</translation>
        </message>
        <message>
            <source>Lines</source>
            <translation>Positionen</translation>
        </message>
        <message>
            <source>Terms</source>
            <translation>Bedingungen</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>Prüfen</translation>
        </message>
        <message>
            <source>Submit</source>
            <translation>Übermitteln</translation>
        </message>
        <message>
            <source>Not ready yet</source>
            <translation>Noch nicht bereit</translation>
        </message>
        <message>
            <source>Waiting for checks</source>
            <translation>Wartet auf Prüfungen</translation>
        </message>
        <message>
            <source>Sale closed</source>
            <translation>Verkauf geschlossen</translation>
        </message>
        <message>
            <source>Submitting…</source>
            <translation>Wird übermittelt…</translation>
        </message>
        <message>
            <source>Not submitted</source>
            <translation>Nicht übermittelt</translation>
        </message>
        <message>
            <source>Stopped</source>
            <translation>Angehalten</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Erledigt</translation>
        </message>
        <message>
            <source>Confirm again</source>
            <translation>Erneut bestätigen</translation>
        </message>
        <message>
            <source>Not filled in</source>
            <translation>Nicht ausgefüllt</translation>
        </message>
        <message>
            <source>Needs correction</source>
            <translation>Korrektur nötig</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>Ungespeicherte Änderungen</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>Wartet</translation>
        </message>
        <message>
            <source>VAT number and company (VIES)</source>
            <translation>USt-IdNr. und Firma (VIES)</translation>
        </message>
        <message>
            <source>Credit check</source>
            <translation>Bonitätsprüfung</translation>
        </message>
        <message>
            <source>Address check</source>
            <translation>Adressprüfung</translation>
        </message>
        <message>
            <source>Queued — starts in a moment</source>
            <translation>In der Warteschlange – beginnt gleich</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Wird geprüft…</translation>
        </message>
        <message>
            <source>Waiting for the network — runs by itself when you are back online</source>
            <translation>Wartet auf das Netzwerk – läuft selbsttätig, sobald Sie wieder online sind</translation>
        </message>
        <message>
            <source>Trying again at {time} (attempt {n} failed: {reason})</source>
            <translation>Neuer Versuch um {time} (Versuch {n} fehlgeschlagen: {reason})</translation>
        </message>
        <message>
            <source>Failed: {reason}</source>
            <translation>Fehlgeschlagen: {reason}</translation>
        </message>
        <message>
            <source>Replaced by a newer check</source>
            <translation>Durch eine neuere Prüfung ersetzt</translation>
        </message>
        <message>
            <source>Registered in VIES: {name}</source>
            <translation>In VIES registriert: {name}</translation>
        </message>
        <message>
            <source>(no name published)</source>
            <translation>(kein Name veröffentlicht)</translation>
        </message>
        <message>
            <source>Not registered in VIES — check the number with the customer</source>
            <translation>Nicht in VIES registriert – prüfen Sie die Nummer mit dem Kunden</translation>
        </message>
        <message>
            <source>Approved up to {limit} (rating {rating})</source>
            <translation>Freigegeben bis {limit} (Bewertung {rating})</translation>
        </message>
        <message>
            <source>Declined: {reason}</source>
            <translation>Abgelehnt: {reason}</translation>
        </message>
        <message>
            <source>no reason given</source>
            <translation>ohne Angabe von Gründen</translation>
        </message>
        <message>
            <source>Address found: {address}</source>
            <translation>Adresse gefunden: {address}</translation>
        </message>
        <message>
            <source>Address not found — check it</source>
            <translation>Adresse nicht gefunden – bitte prüfen</translation>
        </message>
        <message>
            <source>just now</source>
            <translation>gerade eben</translation>
        </message>
        <message numerus="yes">
            <source>%n min ago</source>
            <translation>
                <numerusform>vor %n Min.</numerusform>
                <numerusform>vor %n Min.</numerusform>
            </translation>
        </message>
        <message>
            <source>today {time}</source>
            <translation>heute {time}</translation>
        </message>
        <message>
            <source>Lookup</source>
            <translation>Abfrage</translation>
        </message>
        <message numerus="yes">
            <source>%n line(s)</source>
            <translation>
                <numerusform>%n Position</numerusform>
                <numerusform>%n Positionen</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TimelineDialog</name>
        <message>
            <source>Timeline of the sale</source>
            <translation>Verlauf des Verkaufs</translation>
        </message>
        <message>
            <source>Everything that happened to this sale, in order. Each line is one recorded event; nothing is ever changed afterwards.</source>
            <translation>Alles, was mit diesem Verkauf geschah, der Reihe nach. Jede Zeile ist ein gespeichertes Ereignis; nachträglich wird nichts geändert.</translation>
        </message>
        <message>
            <source>Events of the sale</source>
            <translation>Ereignisse des Verkaufs</translation>
        </message>
        <message>
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>By</source>
            <translation>Von</translation>
        </message>
        <message>
            <source>What</source>
            <translation>Was</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <source>This computer</source>
            <translation>Dieser Computer</translation>
        </message>
        <message>
            <source>Another computer ({id})</source>
            <translation>Anderer Computer ({id})</translation>
        </message>
        <message>
            <source>Manager {name}</source>
            <translation>Führungskraft {name}</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Server</translation>
        </message>
    </context>
    <context>
        <name>Units</name>
        <message>
            <source>pcs</source>
            <translation>Stk.</translation>
        </message>
        <message>
            <source>box</source>
            <translation>Karton</translation>
        </message>
        <message>
            <source>pack</source>
            <translation>Pkg.</translation>
        </message>
        <message>
            <source>set</source>
            <translation>Satz</translation>
        </message>
        <message>
            <source>pair</source>
            <translation>Paar</translation>
        </message>
        <message>
            <source>ream</source>
            <translation>Ries</translation>
        </message>
        <message>
            <source>roll</source>
            <translation>Rolle</translation>
        </message>
        <message>
            <source>m</source>
            <translation>m</translation>
        </message>
        <message>
            <source>kg</source>
            <translation>kg</translation>
        </message>
        <message>
            <source>l</source>
            <translation>l</translation>
        </message>
        <message>
            <source>h</source>
            <translation>Std.</translation>
        </message>
        <message>
            <source>day</source>
            <translation>Tag</translation>
        </message>
        <message>
            <source>month</source>
            <translation>Monat</translation>
        </message>
        <message>
            <source>year</source>
            <translation>Jahr</translation>
        </message>
        <message>
            <source>licence</source>
            <translation>Lizenz</translation>
        </message>
        <message>
            <source>user</source>
            <translation>Benutzer</translation>
        </message>
    </context>
    <context>
        <name>_LineEditor</name>
        <message>
            <source>Quantity of line {n}</source>
            <translation>Menge der Position {n}</translation>
        </message>
        <message>
            <source>Discount of line {n}</source>
            <translation>Rabatt der Position {n}</translation>
        </message>
    </context>
</TS>