<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="hu">
    <context>
        <name>App</name>
        <message>
            <source>There is no price list on this computer yet, so no sale can be started. Sync with the server, or load a price list file with File › Import price list…</source>
            <translation>Ezen a gépen még nincs árlista, ezért nem indítható értékesítés. Szinkronizáljon a szerverrel, vagy töltsön be egy árlistafájlt: Fájl › Árlista importálása…</translation>
        </message>
        <message>
            <source>The demo price list could not be loaded: {reason}</source>
            <translation>A bemutató árlista nem tölthető be: {reason}</translation>
        </message>
    </context>
    <context>
        <name>AppController</name>
        <message>
            <source>Working…</source>
            <extracomment>workflow id -&gt; how many local changes sync could not carry over (only sales with any)</extracomment>
            <translation>Dolgozom…</translation>
        </message>
        <message>
            <source>Starting a new sale…</source>
            <translation>Új értékesítés indítása…</translation>
        </message>
        <message>
            <source>Opening the sale…</source>
            <translation>Az értékesítés megnyitása…</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation>Mentés…</translation>
        </message>
        <message>
            <source>Reading history…</source>
            <translation>Előzmények beolvasása…</translation>
        </message>
        <message>
            <source>Loading the price list…</source>
            <translation>Árlista betöltése…</translation>
        </message>
        <message>
            <source>Saving file…</source>
            <translation>Fájl mentése…</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>Bejelentkezés…</translation>
        </message>
        <message>
            <source>Loading the team's sales…</source>
            <translation>A csapat értékesítéseinek betöltése…</translation>
        </message>
        <message>
            <source>Sending the decision…</source>
            <translation>A döntés elküldése…</translation>
        </message>
    </context>
    <context>
        <name>ApprovalsDialog</name>
        <message>
            <source>Discount approvals</source>
            <translation>Kedvezmények jóváhagyása</translation>
        </message>
        <message>
            <source>Sales of your team with a discount above the limit wait for your decision. The agent sees it after their next sync.</source>
            <translation>A csapata határérték feletti kedvezményt tartalmazó értékesítései az Ön döntésére várnak. Az üzletkötő a következő szinkronizálás után látja.</translation>
        </message>
        <message>
            <source>Show &amp;all team sales</source>
            <translation>A csapat &amp;összes értékesítése</translation>
        </message>
        <message>
            <source>Show all team sales</source>
            <translation>A csapat összes értékesítése</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Frissítés</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Frissítés</translation>
        </message>
        <message>
            <source>Sales waiting for approval</source>
            <translation>Jóváhagyásra váró értékesítések</translation>
        </message>
        <message>
            <source>Agent</source>
            <translation>Üzletkötő</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>Ügyfél</translation>
        </message>
        <message>
            <source>Discount</source>
            <translation>Kedvezmény</translation>
        </message>
        <message>
            <source>Gross total</source>
            <translation>Bruttó végösszeg</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Állapot</translation>
        </message>
        <message>
            <source>Last change</source>
            <translation>Utolsó módosítás</translation>
        </message>
        <message>
            <source>Comment for the agent</source>
            <translation>Megjegyzés az üzletkötőnek</translation>
        </message>
        <message>
            <source>What the agent should know (required when you reject)</source>
            <translation>Amit az üzletkötőnek tudnia kell (elutasításkor kötelező)</translation>
        </message>
        <message>
            <source>&amp;Comment:</source>
            <translation>&amp;Megjegyzés:</translation>
        </message>
        <message>
            <source>A&amp;pprove</source>
            <translation>&amp;Jóváhagyás</translation>
        </message>
        <message>
            <source>Approve the discount</source>
            <translation>A kedvezmény jóváhagyása</translation>
        </message>
        <message>
            <source>Re&amp;ject</source>
            <translation>&amp;Elutasítás</translation>
        </message>
        <message>
            <source>Reject the discount</source>
            <translation>A kedvezmény elutasítása</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Bezárás</translation>
        </message>
        <message>
            <source>(no customer yet)</source>
            <translation>(még nincs ügyfél)</translation>
        </message>
        <message>
            <source>Waiting for you</source>
            <translation>Önre vár</translation>
        </message>
        <message>
            <source>Limit without approval: {t}</source>
            <translation>Jóváhagyás nélküli határ: {t}</translation>
        </message>
        <message>
            <source>Nothing is waiting for your decision.</source>
            <translation>Semmi sem vár az Ön döntésére.</translation>
        </message>
        <message>
            <source>Say why you reject the discount, so the agent knows what to change.</source>
            <translation>Írja meg, miért utasítja el a kedvezményt, hogy az üzletkötő tudja, min változtasson.</translation>
        </message>
        <message>
            <source>Approved the discount for {who}.</source>
            <translation>A kedvezmény jóváhagyva: {who}.</translation>
        </message>
        <message>
            <source>Rejected the discount for {who}.</source>
            <translation>A kedvezmény elutasítva: {who}.</translation>
        </message>
        <message>
            <source>The decision was not recorded: {reason}</source>
            <translation>A döntés nem került rögzítésre: {reason}</translation>
        </message>
    </context>
    <context>
        <name>Conflicts</name>
        <message>
            <source>Your change to {step}</source>
            <translation>A(z) „{step}” lépésen végzett módosítása</translation>
        </message>
        <message>
            <source>Your submission</source>
            <translation>Az Ön beküldése</translation>
        </message>
        <message>
            <source>Your cancellation</source>
            <translation>Az Ön visszavonása</translation>
        </message>
        <message>
            <source>Your change ({name})</source>
            <translation>Az Ön módosítása ({name})</translation>
        </message>
        <message>
            <source>(−{discount})</source>
            <translation>(−{discount})</translation>
        </message>
        <message>
            <source>payment in {days} days</source>
            <translation>fizetés {days} napon belül</translation>
        </message>
        <message>
            <source>the sale was already marked “{status}” elsewhere (on another computer or by the server) before your change reached the server</source>
            <translation>az értékesítés máshol (egy másik számítógépen vagy a szerveren) már „{status}” állapotba került, mielőtt a módosítása elérte a szervert</translation>
        </message>
        <message>
            <source>after the changes made elsewhere it is no longer valid: {reason}</source>
            <translation>a máshol végzett módosítások után már nem érvényes: {reason}</translation>
        </message>
        <message>
            <source>it no longer fits the sale as it was changed elsewhere</source>
            <translation>már nem illik a máshol módosított értékesítéshez</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) made on this computer could not be applied after syncing, because this sale was changed elsewhere in the meantime. Nothing was deleted:</source>
            <translation>
                <numerusform>%n, ezen a számítógépen végzett módosítás nem alkalmazható a szinkronizálás után, mert az értékesítést időközben máshol módosították. Semmi sem törlődött:</numerusform>
            </translation>
        </message>
        <message>
            <source>{change} ({when}) was not applied: {why}.</source>
            <translation>{change} ({when}) nem lett alkalmazva: {why}.</translation>
        </message>
        <message>
            <source>It held: {details}.</source>
            <translation>Tartalma: {details}.</translation>
        </message>
        <message>
            <source>The server refused this sale's latest changes: {reason}. They are kept on this computer and are sent again at the next sync.</source>
            <translation>A szerver elutasította az értékesítés legutóbbi módosításait: {reason}. Ezek ezen a számítógépen megmaradnak, és a következő szinkronizáláskor újra elküldjük őket.</translation>
        </message>
        <message>
            <source>&amp;Apply again</source>
            <translation>Újra &amp;alkalmaz</translation>
        </message>
        <message>
            <source>Apply the changes again</source>
            <translation>A módosítások újbóli alkalmazása</translation>
        </message>
        <message>
            <source>&amp;Dismiss</source>
            <translation>&amp;Elvetés</translation>
        </message>
        <message>
            <source>Dismiss the changes</source>
            <translation>A módosítások elvetése</translation>
        </message>
        <message>
            <source>&amp;Edit {step}</source>
            <translation>„{step}” s&amp;zerkesztése</translation>
        </message>
        <message>
            <source>Edit {step}</source>
            <translation>„{step}” szerkesztése</translation>
        </message>
    </context>
    <context>
        <name>ContactPage</name>
        <message>
            <source>Who at the customer receives the quote?</source>
            <translation>Ki kapja meg az ajánlatot az ügyfélnél?</translation>
        </message>
        <message>
            <source>Contact name</source>
            <translation>Kapcsolattartó neve</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Név:</translation>
        </message>
        <message>
            <source>E-mail address</source>
            <translation>E-mail-cím</translation>
        </message>
        <message>
            <source>&amp;E-mail:</source>
            <translation>&amp;E-mail:</translation>
        </message>
        <message>
            <source>Phone number (optional)</source>
            <translation>Telefonszám (nem kötelező)</translation>
        </message>
        <message>
            <source>Optional. With + and the country code.</source>
            <translation>Nem kötelező. + jellel és országhívószámmal.</translation>
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
            <translation>Adja meg az ügyfél közösségi adószámát. A SalesDesk ellenőrzi az uniós nyilvántartásban (VIES), és kitölti a cég nevét és címét; ezeket még módosíthatja.</translation>
        </message>
        <message>
            <source>e.g. DE136695976</source>
            <translation>pl. DE136695976</translation>
        </message>
        <message>
            <source>VAT number</source>
            <translation>Adószám</translation>
        </message>
        <message>
            <source>With the country code, e.g. DE136695976 or HU12892312</source>
            <translation>Országkóddal, pl. DE136695976 vagy HU12892312</translation>
        </message>
        <message>
            <source>&amp;VAT number:</source>
            <translation>&amp;Adószám:</translation>
        </message>
        <message>
            <source>Try a&amp;gain</source>
            <translation>Új&amp;ra</translation>
        </message>
        <message>
            <source>Try the VAT check again</source>
            <translation>Az adószám-ellenőrzés megismétlése</translation>
        </message>
        <message>
            <source>VIES check:</source>
            <translation>VIES-ellenőrzés:</translation>
        </message>
        <message>
            <source>Company name</source>
            <translation>Cégnév</translation>
        </message>
        <message>
            <source>Filled in from VIES when the number is checked.</source>
            <translation>Az ellenőrzés után a VIES-ből töltődik ki.</translation>
        </message>
        <message>
            <source>Use registry name</source>
            <translation>A nyilvántartás szerinti név</translation>
        </message>
        <message>
            <source>Use the company name from the registry</source>
            <translation>A nyilvántartás szerinti cégnév használata</translation>
        </message>
        <message>
            <source>Company &amp;name:</source>
            <translation>&amp;Cégnév:</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Cím</translation>
        </message>
        <message>
            <source>Filled in from VIES when available.</source>
            <translation>A VIES-ből töltődik ki, ha elérhető.</translation>
        </message>
        <message>
            <source>Use registry address</source>
            <translation>A nyilvántartás szerinti cím</translation>
        </message>
        <message>
            <source>Use the address from the registry</source>
            <translation>A nyilvántartás szerinti cím használata</translation>
        </message>
        <message>
            <source>&amp;Address:</source>
            <translation>Cí&amp;m:</translation>
        </message>
        <message>
            <source>Address check:</source>
            <translation>Címellenőrzés:</translation>
        </message>
        <message>
            <source>{vat}: the format and check digit are right</source>
            <translation>{vat}: a formátum és az ellenőrző számjegy helyes</translation>
        </message>
        <message>
            <source>Your own value; the registry says: {value}</source>
            <translation>Saját érték; a nyilvántartás szerint: {value}</translation>
        </message>
        <message>
            <source>Your own value (the registry has not answered yet).</source>
            <translation>Saját érték (a nyilvántartás még nem válaszolt).</translation>
        </message>
        <message>
            <source>From VIES. You can change it.</source>
            <translation>A VIES-ből. Módosíthatja.</translation>
        </message>
    </context>
    <context>
        <name>LinesModel</name>
        <message>
            <source>SKU</source>
            <translation>Cikkszám</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Termék</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>Mennyiség</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>Egységár</translation>
        </message>
        <message>
            <source>Discount %</source>
            <translation>Kedvezmény %</translation>
        </message>
        <message>
            <source>Net</source>
            <translation>Nettó</translation>
        </message>
        <message>
            <source>VAT</source>
            <translation>ÁFA</translation>
        </message>
        <message>
            <source>Gross</source>
            <translation>Bruttó</translation>
        </message>
        <message>
            <source>(not in price list)</source>
            <translation>(nincs az árlistán)</translation>
        </message>
        <message>
            <source>Double-click or press F2 to change</source>
            <translation>Módosítás dupla kattintással vagy F2-vel</translation>
        </message>
    </context>
    <context>
        <name>LinesPage</name>
        <message>
            <source>Pick products from the sale's price list (search by SKU or name), set the quantity and any discount. Totals update as you type.</source>
            <translation>Válasszon termékeket az értékesítés árlistájából (keresés cikkszám vagy név szerint), adja meg a mennyiséget és a kedvezményt. Az összegek gépelés közben frissülnek.</translation>
        </message>
        <message>
            <source>Search by SKU, name or category</source>
            <translation>Keresés cikkszám, név vagy kategória szerint</translation>
        </message>
        <message>
            <source>Search products</source>
            <translation>Termékek keresése</translation>
        </message>
        <message>
            <source>&amp;Find product:</source>
            <translation>Termék &amp;keresése:</translation>
        </message>
        <message>
            <source>Products in the price list</source>
            <translation>Az árlista termékei</translation>
        </message>
        <message>
            <source>Quantity to add</source>
            <translation>Hozzáadandó mennyiség</translation>
        </message>
        <message>
            <source>&amp;Quantity:</source>
            <translation>&amp;Mennyiség:</translation>
        </message>
        <message>
            <source>Discount percent to add</source>
            <translation>Kedvezmény százalékban</translation>
        </message>
        <message>
            <source>D&amp;iscount:</source>
            <translation>Ke&amp;dvezmény:</translation>
        </message>
        <message>
            <source>&amp;Add line</source>
            <translation>Tétel &amp;hozzáadása</translation>
        </message>
        <message>
            <source>Add line</source>
            <translation>Tétel hozzáadása</translation>
        </message>
        <message>
            <source>Price list</source>
            <translation>Árlista</translation>
        </message>
        <message>
            <source>Lines of the sale</source>
            <translation>Az értékesítés tételei</translation>
        </message>
        <message>
            <source>&amp;Remove line</source>
            <translation>Tétel &amp;törlése</translation>
        </message>
        <message>
            <source>Remove the selected line</source>
            <translation>A kijelölt tétel törlése</translation>
        </message>
        <message>
            <source>Add at least one product.</source>
            <translation>Adjon hozzá legalább egy terméket.</translation>
        </message>
        <message>
            <source>Lines</source>
            <translation>Tételek</translation>
        </message>
        <message>
            <source>Totals</source>
            <translation>Összesen</translation>
        </message>
        <message>
            <source>The price list of this sale could not be read.</source>
            <translation>Az értékesítés árlistája nem olvasható.</translation>
        </message>
        <message>
            <source>Pick a product in the list first.</source>
            <translation>Előbb válasszon terméket a listából.</translation>
        </message>
        <message>
            <source>quantity</source>
            <translation>mennyiség</translation>
        </message>
        <message>
            <source>discount</source>
            <translation>kedvezmény</translation>
        </message>
        <message>
            <source>product</source>
            <translation>termék</translation>
        </message>
        <message>
            <source>Line {n} ({sku})</source>
            <translation>{n}. tétel ({sku})</translation>
        </message>
        <message>
            <source>Net before discount</source>
            <translation>Nettó kedvezmény előtt</translation>
        </message>
        <message>
            <source>Discount</source>
            <translation>Kedvezmény</translation>
        </message>
        <message>
            <source>Net</source>
            <translation>Nettó</translation>
        </message>
        <message>
            <source>VAT {rate} on {base}</source>
            <translation>ÁFA {rate}, alap: {base}</translation>
        </message>
        <message>
            <source>Gross total</source>
            <translation>Bruttó végösszeg</translation>
        </message>
        <message>
            <source>Gross total {amount}</source>
            <translation>Bruttó végösszeg: {amount}</translation>
        </message>
        <message>
            <source>Double-click a quantity or discount to change it; Delete removes a line.</source>
            <translation>A mennyiség vagy kedvezmény dupla kattintással módosítható; a Delete törli a tételt.</translation>
        </message>
        <message>
            <source>A discount above {threshold} needs a manager's approval before the sale can be submitted.</source>
            <translation>A(z) {threshold} feletti kedvezményhez vezetői jóváhagyás kell, mielőtt az értékesítés beküldhető.</translation>
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
            <translation>Ú&amp;j értékesítés</translation>
        </message>
        <message>
            <source>Start a new sale (Ctrl+N)</source>
            <translation>Új értékesítés indítása (Ctrl+N)</translation>
        </message>
        <message>
            <source>&amp;Open sale</source>
            <translation>Értékesítés &amp;megnyitása</translation>
        </message>
        <message>
            <source>&amp;Timeline…</source>
            <translation>&amp;Előzmények…</translation>
        </message>
        <message>
            <source>&amp;Quote PDF…</source>
            <translation>&amp;Ajánlat PDF-ben…</translation>
        </message>
        <message>
            <source>&amp;Cancel sale…</source>
            <translation>Értékesítés &amp;visszavonása…</translation>
        </message>
        <message>
            <source>&amp;Import price list…</source>
            <translation>Árlista &amp;importálása…</translation>
        </message>
        <message>
            <source>&amp;Sync now</source>
            <translation>&amp;Szinkronizálás most</translation>
        </message>
        <message>
            <source>&amp;Approvals…</source>
            <translation>&amp;Jóváhagyások…</translation>
        </message>
        <message>
            <source>Se&amp;ttings…</source>
            <translation>&amp;Beállítások…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Kilépés</translation>
        </message>
        <message>
            <source>&amp;About SalesDesk</source>
            <translation>A SalesDesk &amp;névjegye</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Fájl</translation>
        </message>
        <message>
            <source>&amp;Sale</source>
            <translation>Ér&amp;tékesítés</translation>
        </message>
        <message>
            <source>S&amp;ync</source>
            <translation>S&amp;zinkronizálás</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Súgó</translation>
        </message>
        <message>
            <source>Main toolbar</source>
            <translation>Fő eszköztár</translation>
        </message>
        <message>
            <source>Sales</source>
            <translation>Értékesítések</translation>
        </message>
        <message>
            <source>Search customer, VAT number, order…</source>
            <translation>Ügyfél, adószám, rendelés keresése…</translation>
        </message>
        <message>
            <source>Search sales</source>
            <translation>Értékesítések keresése</translation>
        </message>
        <message>
            <source>Sea&amp;rch:</source>
            <translation>&amp;Keresés:</translation>
        </message>
        <message>
            <source>Show sales</source>
            <translation>Megjelenített értékesítések</translation>
        </message>
        <message>
            <source>All sales</source>
            <translation>Minden értékesítés</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Nyitott</translation>
        </message>
        <message>
            <source>Needs approval</source>
            <translation>Jóváhagyásra vár</translation>
        </message>
        <message>
            <source>Ready to submit</source>
            <translation>Beküldhető</translation>
        </message>
        <message>
            <source>Waiting for lookups</source>
            <translation>Ellenőrzésekre vár</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>Beküldve</translation>
        </message>
        <message>
            <source>Cancelled or expired</source>
            <translation>Visszavont vagy lejárt</translation>
        </message>
        <message>
            <source>With sync conflicts</source>
            <translation>Szinkronizálási ütközéssel</translation>
        </message>
        <message>
            <source>Sho&amp;w:</source>
            <translation>&amp;Mutat:</translation>
        </message>
        <message>
            <source>New sale</source>
            <translation>Új értékesítés</translation>
        </message>
        <message>
            <source>No sales yet</source>
            <translation>Még nincs értékesítés</translation>
        </message>
        <message>
            <source>Start your first sale with New sale (Ctrl+N). Everything you enter is kept on this computer as you go, online or not.</source>
            <translation>Indítsa el az első értékesítést az Új értékesítés gombbal (Ctrl+N). Minden, amit beír, folyamatosan mentődik ezen a gépen, akár van hálózat, akár nincs.</translation>
        </message>
        <message>
            <source>Opening your sales…</source>
            <translation>Az értékesítések megnyitása…</translation>
        </message>
        <message>
            <source>Import price list…</source>
            <translation>Árlista importálása…</translation>
        </message>
        <message>
            <source>SalesDesk — {agent}</source>
            <translation>SalesDesk – {agent}</translation>
        </message>
        <message>
            <source>Your sales could not be opened.</source>
            <translation>Az értékesítések nem nyithatók meg.</translation>
        </message>
        <message>
            <source>line {number}: </source>
            <translation>{number}. sor: </translation>
        </message>
        <message>
            <source>The administrator's settings file {path} has a problem, so SalesDesk uses safe built-in values for what it could not read. Your work is not affected; please tell your administrator:</source>
            <translation>A rendszergazda beállításfájljában ({path}) hiba van, ezért a SalesDesk biztonságos alapértékeket használ ott, ahol nem tudta beolvasni. A munkáját ez nem érinti; kérjük, szóljon a rendszergazdának:</translation>
        </message>
        <message>
            <source>&amp;Hide</source>
            <translation>&amp;Elrejtés</translation>
        </message>
        <message numerus="yes">
            <source>Changes made on this computer to %n sale(s) could not be applied after syncing, because the sale had changed elsewhere in the meantime. Nothing was deleted: open the sale to apply them again or dismiss them.</source>
            <translation>
                <numerusform>%n értékesítés ezen a számítógépen végzett módosításai nem alkalmazhatók a szinkronizálás után, mert az értékesítést időközben máshol módosították. Semmi sem törlődött: nyissa meg az értékesítést, és alkalmazza újra vagy vesse el őket.</numerusform>
            </translation>
        </message>
        <message>
            <source>Show them</source>
            <translation>Megjelenítés</translation>
        </message>
        <message>
            <source>No price list yet</source>
            <translation>Még nincs árlista</translation>
        </message>
        <message>
            <source>A sale needs a price list, and this computer has none yet. Sync with the server, or load one with File › Import price list…</source>
            <translation>Az értékesítéshez árlista kell, de ezen a gépen még nincs. Szinkronizáljon a szerverrel, vagy töltsön be egyet: Fájl › Árlista importálása…</translation>
        </message>
        <message>
            <source>The sale could not be started</source>
            <translation>Az értékesítés nem indítható</translation>
        </message>
        <message>
            <source>Quote saved to {path}</source>
            <translation>Az ajánlat mentve: {path}</translation>
        </message>
        <message>
            <source>Cancel sale</source>
            <translation>Értékesítés visszavonása</translation>
        </message>
        <message>
            <source>Why is this sale cancelled? (The customer and your manager see this.)</source>
            <translation>Miért vonja vissza az értékesítést? (Az ügyfél és a vezetője is látja.)</translation>
        </message>
        <message>
            <source>Not cancelled</source>
            <translation>Nincs visszavonva</translation>
        </message>
        <message>
            <source>Please give a reason.</source>
            <translation>Kérjük, adja meg az okát.</translation>
        </message>
        <message>
            <source>The sale was not cancelled</source>
            <translation>Az értékesítés nem lett visszavonva</translation>
        </message>
        <message>
            <source>Import price list</source>
            <translation>Árlista importálása</translation>
        </message>
        <message>
            <source>Price lists (*.json)</source>
            <translation>Árlisták (*.json)</translation>
        </message>
        <message>
            <source>Price list {version} is now used for new sales.</source>
            <translation>Az új értékesítések mostantól a(z) {version} árlistát használják.</translation>
        </message>
        <message>
            <source>The price list was not imported</source>
            <translation>Az árlista importálása nem sikerült</translation>
        </message>
        <message>
            <source>About SalesDesk</source>
            <translation>A SalesDesk névjegye</translation>
        </message>
        <message>
            <source>&lt;b&gt;SalesDesk {version}&lt;/b&gt;&lt;p&gt;Sales that are saved as you type, work offline and sync when the network is back.&lt;/p&gt;</source>
            <translation>&lt;b&gt;SalesDesk {version}&lt;/b&gt;&lt;p&gt;Értékesítések, amelyek gépelés közben mentődnek, hálózat nélkül is működnek, és szinkronizálódnak, amint a hálózat visszatér.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>{step} is not filled in yet</source>
            <translation>„{step}” még nincs kitöltve</translation>
        </message>
        <message>
            <source>{step} must be confirmed again ({changed} changed)</source>
            <translation>„{step}” lépést újra meg kell erősíteni (módosult: „{changed}”)</translation>
        </message>
        <message>
            <source>the VAT number is still being checked</source>
            <translation>az adószám ellenőrzése még folyamatban van</translation>
        </message>
        <message>
            <source>the VAT number could not be checked: {error}</source>
            <translation>az adószámot nem sikerült ellenőrizni: {error}</translation>
        </message>
        <message>
            <source>VAT number {vat} is not registered in VIES; correct it</source>
            <translation>a(z) {vat} adószám nincs regisztrálva a VIES-ben; javítsa ki</translation>
        </message>
        <message>
            <source>the credit check is still running</source>
            <translation>a hitelképesség-vizsgálat még folyamatban van</translation>
        </message>
        <message>
            <source>the credit check failed: {error}</source>
            <translation>a hitelképesség-vizsgálat sikertelen: {error}</translation>
        </message>
        <message>
            <source>the credit bureau did not approve this order ({reason})</source>
            <translation>a hiteliroda nem hagyta jóvá ezt a rendelést ({reason})</translation>
        </message>
        <message>
            <source>the credit bureau did not approve this order (no reason given)</source>
            <translation>a hiteliroda nem hagyta jóvá ezt a rendelést (indoklás nélkül)</translation>
        </message>
        <message>
            <source>the gross total {gross} exceeds the approved credit limit {limit}</source>
            <translation>a bruttó végösszeg ({gross}) meghaladja a jóváhagyott hitelkeretet ({limit})</translation>
        </message>
        <message>
            <source>the credit check has not run yet</source>
            <translation>a hitelképesség-vizsgálat még nem futott le</translation>
        </message>
        <message>
            <source>the address is still being checked</source>
            <translation>a cím ellenőrzése még folyamatban van</translation>
        </message>
        <message>
            <source>a manager must approve the {discount} discount (above {threshold})</source>
            <translation>egy vezetőnek jóvá kell hagynia a(z) {discount} kedvezményt ({threshold} felett)</translation>
        </message>
        <message>
            <source>the manager rejected the discount; lower it to resubmit</source>
            <translation>a vezető elutasította a kedvezményt; csökkentse az újbóli beküldéshez</translation>
        </message>
        <message>
            <source>the manager rejected the discount: {comment}; lower it to resubmit</source>
            <translation>a vezető elutasította a kedvezményt: {comment}; csökkentse az újbóli beküldéshez</translation>
        </message>
        <message>
            <source>automatic submission stopped: {problems}</source>
            <translation>az automatikus beküldés leállt: {problems}</translation>
        </message>
        <message>
            <source>{changed} changed</source>
            <translation>„{changed}” módosult</translation>
        </message>
        <message>
            <source>the VAT number is not registered in VIES</source>
            <translation>az adószám nincs regisztrálva a VIES-ben</translation>
        </message>
        <message>
            <source>Sale started by {agent} with price list {version}</source>
            <translation>Értékesítés indítva: {agent}, árlista: {version}</translation>
        </message>
        <message>
            <source>Customer set: VAT {vat}</source>
            <translation>Ügyfél megadva: adószám {vat}</translation>
        </message>
        <message>
            <source>Customer set: VAT {vat}, company name “{name}”</source>
            <translation>Ügyfél megadva: adószám {vat}, cégnév: „{name}”</translation>
        </message>
        <message>
            <source>Contact set: {name} &lt;{email}&gt;</source>
            <translation>Kapcsolattartó megadva: {name} &lt;{email}&gt;</translation>
        </message>
        <message>
            <source>Lines set: {lines}</source>
            <translation>Tételek megadva: {lines}</translation>
        </message>
        <message>
            <source>Terms set: payment in {days} days</source>
            <translation>Feltételek megadva: fizetés {days} napon belül</translation>
        </message>
        <message>
            <source>Submitted by the agent</source>
            <translation>Az üzletkötő beküldte</translation>
        </message>
        <message>
            <source>Cancelled: {reason}</source>
            <translation>Visszavonva: {reason}</translation>
        </message>
        <message>
            <source>Discount approved</source>
            <translation>Kedvezmény jóváhagyva</translation>
        </message>
        <message>
            <source>Discount approved — {comment}</source>
            <translation>Kedvezmény jóváhagyva — {comment}</translation>
        </message>
        <message>
            <source>Discount rejected</source>
            <translation>Kedvezmény elutasítva</translation>
        </message>
        <message>
            <source>Discount rejected — {comment}</source>
            <translation>Kedvezmény elutasítva — {comment}</translation>
        </message>
        <message>
            <source>Order accepted: order number {order}</source>
            <translation>Rendelés elfogadva: rendelésszám {order}</translation>
        </message>
        <message>
            <source>Signal {name}</source>
            <translation>Jelzés: {name}</translation>
        </message>
        <message>
            <source>Started: {lookup}</source>
            <translation>Elindítva: {lookup}</translation>
        </message>
        <message>
            <source>Finished: {lookup} (attempt {attempts})</source>
            <translation>Befejezve: {lookup} ({attempts}. kísérlet)</translation>
        </message>
        <message>
            <source>Finished: {lookup} — valid, {name} (attempt {attempts})</source>
            <translation>Befejezve: {lookup} — érvényes, {name} ({attempts}. kísérlet)</translation>
        </message>
        <message>
            <source>Finished: {lookup} — valid (attempt {attempts})</source>
            <translation>Befejezve: {lookup} — érvényes ({attempts}. kísérlet)</translation>
        </message>
        <message>
            <source>Finished: {lookup} — NOT valid (attempt {attempts})</source>
            <translation>Befejezve: {lookup} — NEM érvényes ({attempts}. kísérlet)</translation>
        </message>
        <message>
            <source>Finished: {lookup} — NOT valid, {name} (attempt {attempts})</source>
            <translation>Befejezve: {lookup} — NEM érvényes, {name} ({attempts}. kísérlet)</translation>
        </message>
        <message>
            <source>Finished: {lookup} — approved, limit {limit}, rating {rating} (attempt {attempts})</source>
            <translation>Befejezve: {lookup} — jóváhagyva, keret {limit}, minősítés {rating} ({attempts}. kísérlet)</translation>
        </message>
        <message>
            <source>Finished: {lookup} — declined, limit {limit}, rating {rating} (attempt {attempts})</source>
            <translation>Befejezve: {lookup} — elutasítva, keret {limit}, minősítés {rating} ({attempts}. kísérlet)</translation>
        </message>
        <message>
            <source>Finished: {lookup} — {address} (attempt {attempts})</source>
            <translation>Befejezve: {lookup} — {address} ({attempts}. kísérlet)</translation>
        </message>
        <message>
            <source>Finished: {lookup} — address not found (attempt {attempts})</source>
            <translation>Befejezve: {lookup} — a cím nem található ({attempts}. kísérlet)</translation>
        </message>
        <message>
            <source>{lookup} failed: {error}</source>
            <translation>{lookup} sikertelen: {error}</translation>
        </message>
        <message>
            <source>{lookup} cancelled</source>
            <translation>{lookup} megszakítva</translation>
        </message>
        <message>
            <source>Quote valid until {date}</source>
            <translation>Az ajánlat érvényes: {date}</translation>
        </message>
        <message>
            <source>Quote validity ran out</source>
            <translation>Az árajánlat érvényessége lejárt</translation>
        </message>
        <message>
            <source>Process version marker {patch}</source>
            <translation>Folyamatverzió-jelölő: {patch}</translation>
        </message>
        <message>
            <source>Sale closed: {status}</source>
            <translation>Értékesítés lezárva: {status}</translation>
        </message>
        <message>
            <source>Sale failed: {error}</source>
            <translation>Értékesítés sikertelen: {error}</translation>
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
            <translation>Cikkszám</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Termék</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Egység</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>Egységár</translation>
        </message>
        <message>
            <source>VAT</source>
            <translation>ÁFA</translation>
        </message>
    </context>
    <context>
        <name>Quote</name>
        <message>
            <source>VAT number</source>
            <translation>Adószám</translation>
        </message>
        <message>
            <source>Attn.</source>
            <translation>Figyelmébe:</translation>
        </message>
        <message>
            <source>Payment in advance.</source>
            <translation>Előre fizetés.</translation>
        </message>
        <message>
            <source>Delivery on {date}.</source>
            <translation>Szállítás: {date}.</translation>
        </message>
        <message>
            <source>This quote is valid until {date}.</source>
            <translation>Az ajánlat érvényes: {date}.</translation>
        </message>
        <message>
            <source>Quote</source>
            <translation>Árajánlat</translation>
        </message>
        <message>
            <source>Prepared by</source>
            <translation>Készítette:</translation>
        </message>
        <message>
            <source>Price list</source>
            <translation>Árlista</translation>
        </message>
        <message>
            <source>For</source>
            <translation>Címzett</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Termék</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>Mennyiség</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>Egységár</translation>
        </message>
        <message>
            <source>Discount</source>
            <translation>Kedvezmény</translation>
        </message>
        <message>
            <source>Net</source>
            <translation>Nettó</translation>
        </message>
        <message>
            <source>VAT</source>
            <translation>ÁFA</translation>
        </message>
        <message>
            <source>Gross</source>
            <translation>Bruttó</translation>
        </message>
        <message>
            <source>VAT breakdown</source>
            <translation>ÁFA-összesítő</translation>
        </message>
        <message>
            <source>Rate</source>
            <translation>Kulcs</translation>
        </message>
        <message>
            <source>Net before discount</source>
            <translation>Nettó kedvezmény előtt</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Végösszeg</translation>
        </message>
        <message numerus="yes">
            <source>Payment within %n day(s) of the invoice date.</source>
            <translation>
                <numerusform>Fizetés a számla keltétől számított %n napon belül.</numerusform>
            </translation>
        </message>
        <message>
            <source>Save quote as PDF</source>
            <translation>Ajánlat mentése PDF-ként</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>PDF-dokumentumok (*.pdf)</translation>
        </message>
        <message>
            <source>The quote was not saved</source>
            <translation>Az ajánlat nem lett mentve</translation>
        </message>
        <message>
            <source>The quote could not be saved: {reason}</source>
            <translation>Az ajánlat nem menthető: {reason}</translation>
        </message>
        <message>
            <source>Saving the quote…</source>
            <translation>Az ajánlat mentése…</translation>
        </message>
    </context>
    <context>
        <name>ReviewPage</name>
        <message>
            <source>Go to {step}</source>
            <translation>Ugrás: {step}</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>Áttekintés</translation>
        </message>
        <message>
            <source>Summary of the sale</source>
            <translation>Az értékesítés összefoglalója</translation>
        </message>
        <message>
            <source>This sale was submitted.</source>
            <translation>Ezt az értékesítést beküldték.</translation>
        </message>
        <message>
            <source>Submitting as soon as the lookups below have finished.</source>
            <translation>Beküldés, amint az alábbi ellenőrzések befejeződnek.</translation>
        </message>
        <message>
            <source>Everything is in place. Press Submit to send the order.</source>
            <translation>Minden rendben van. A rendelés elküldéséhez nyomja meg a Beküldés gombot.</translation>
        </message>
        <message numerus="yes">
            <source>%n thing(s) to settle before this sale can be submitted:</source>
            <translation>
                <numerusform>%n dolgot kell még rendezni, mielőtt az értékesítés beküldhető:</numerusform>
            </translation>
        </message>
        <message>
            <source>Not filled in yet</source>
            <translation>Még nincs kitöltve</translation>
        </message>
        <message>
            <source>(name not known yet)</source>
            <translation>(a név még nem ismert)</translation>
        </message>
        <message>
            <source>entered by you</source>
            <translation>Ön adta meg</translation>
        </message>
        <message>
            <source>VAT number {vat}</source>
            <translation>Adószám: {vat}</translation>
        </message>
        <message>
            <source>VIES consultation {number}</source>
            <translation>VIES-lekérdezés: {number}</translation>
        </message>
        <message>
            <source>No contact yet</source>
            <translation>Még nincs kapcsolattartó</translation>
        </message>
        <message numerus="yes">
            <source>Payment within %n day(s)</source>
            <translation>
                <numerusform>Fizetés %n napon belül</numerusform>
            </translation>
        </message>
        <message>
            <source>Payment in advance</source>
            <translation>Előre fizetés</translation>
        </message>
        <message>
            <source>Delivery on {date}</source>
            <translation>Szállítás: {date}</translation>
        </message>
        <message>
            <source>No terms yet</source>
            <translation>Még nincsenek feltételek</translation>
        </message>
        <message>
            <source>Quote valid until {date}</source>
            <translation>Az ajánlat érvényes: {date}</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>Ügyfél</translation>
        </message>
        <message>
            <source>Contact and terms</source>
            <translation>Kapcsolattartó és feltételek</translation>
        </message>
        <message>
            <source>Lines and totals</source>
            <translation>Tételek és összegek</translation>
        </message>
        <message>
            <source>Checks and approval</source>
            <translation>Ellenőrzések és jóváhagyás</translation>
        </message>
        <message>
            <source>No lines yet</source>
            <translation>Még nincsenek tételek</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Termék</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>Menny.</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>Egységár</translation>
        </message>
        <message>
            <source>Discount</source>
            <translation>Kedvezmény</translation>
        </message>
        <message>
            <source>Net</source>
            <translation>Nettó</translation>
        </message>
        <message>
            <source>VAT</source>
            <translation>ÁFA</translation>
        </message>
        <message>
            <source>Gross</source>
            <translation>Bruttó</translation>
        </message>
        <message>
            <source>of which discount</source>
            <translation>ebből kedvezmény</translation>
        </message>
        <message>
            <source>VAT {rate} on {base}</source>
            <translation>ÁFA {rate}, alap: {base}</translation>
        </message>
        <message>
            <source>Gross total</source>
            <translation>Bruttó végösszeg</translation>
        </message>
        <message>
            <source>No lookups yet: they start when the VAT number is entered.</source>
            <translation>Még nincs ellenőrzés: az adószám megadásakor indulnak.</translation>
        </message>
        <message>
            <source>Not needed (no discount above {t})</source>
            <translation>Nem szükséges (nincs {t} feletti kedvezmény)</translation>
        </message>
        <message>
            <source>Waiting for a manager: {d} discount is above {t}</source>
            <translation>Vezetőre vár: a(z) {d} kedvezmény meghaladja a(z) {t} határt</translation>
        </message>
        <message>
            <source>Approved by {who}</source>
            <translation>Jóváhagyta: {who}</translation>
        </message>
        <message>
            <source>Rejected by {who}</source>
            <translation>Elutasította: {who}</translation>
        </message>
        <message>
            <source>a manager</source>
            <translation>egy vezető</translation>
        </message>
        <message>
            <source>Discount approval</source>
            <translation>Kedvezmény jóváhagyása</translation>
        </message>
    </context>
    <context>
        <name>SaleWindow</name>
        <message>
            <source>Sale</source>
            <translation>Értékesítés</translation>
        </message>
        <message>
            <source>Opening the sale…</source>
            <translation>Az értékesítés megnyitása…</translation>
        </message>
        <message>
            <source>&amp;Timeline</source>
            <translation>&amp;Előzmények</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translation>Előzmények</translation>
        </message>
        <message>
            <source>&amp;Quote PDF</source>
            <translation>&amp;Ajánlat PDF</translation>
        </message>
        <message>
            <source>Quote PDF</source>
            <translation>Ajánlat PDF</translation>
        </message>
        <message>
            <source>Cancel sa&amp;le…</source>
            <translation>&amp;Visszavonás…</translation>
        </message>
        <message>
            <source>Cancel sale</source>
            <translation>Értékesítés visszavonása</translation>
        </message>
        <message>
            <source>&amp;Back</source>
            <translation>&amp;Vissza</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Vissza</translation>
        </message>
        <message>
            <source>&amp;Next</source>
            <translation>&amp;Tovább</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Bezárás</translation>
        </message>
        <message>
            <source>Restored what you typed on {when} but had not saved yet.</source>
            <translation>Visszaállítottuk, amit {when} beírt, de még nem mentett.</translation>
        </message>
        <message>
            <source>&amp;Discard these changes</source>
            <translation>A módosítások &amp;elvetése</translation>
        </message>
        <message>
            <source>This sale could not be opened</source>
            <translation>Az értékesítés nem nyitható meg</translation>
        </message>
        <message>
            <source>New sale</source>
            <translation>Új értékesítés</translation>
        </message>
        <message>
            <source>Sale — {name}</source>
            <translation>Értékesítés – {name}</translation>
        </message>
        <message>
            <source>new</source>
            <translation>új</translation>
        </message>
        <message>
            <source>Quote valid until {date}</source>
            <translation>Az ajánlat érvényes: {date}</translation>
        </message>
        <message>
            <source>Price list {version}</source>
            <translation>Árlista: {version}</translation>
        </message>
        <message>
            <source>Total {gross}</source>
            <translation>Összesen: {gross}</translation>
        </message>
        <message>
            <source>Order {number}</source>
            <translation>Rendelés: {number}</translation>
        </message>
        <message>
            <source>This sale is waiting for its lookups and then submits by itself; it cannot be changed meanwhile.</source>
            <translation>Ez az értékesítés az ellenőrzésekre vár, utána magától beküldésre kerül; addig nem módosítható.</translation>
        </message>
        <message>
            <source>This sale was submitted; it can no longer be changed.</source>
            <translation>Ezt az értékesítést beküldték; már nem módosítható.</translation>
        </message>
        <message>
            <source>This sale was cancelled: {reason}</source>
            <translation>Ezt az értékesítést visszavonták: {reason}</translation>
        </message>
        <message>
            <source>The quote expired on {date}.</source>
            <translation>Az ajánlat lejárt: {date}.</translation>
        </message>
        <message>
            <source>&amp;Confirm and continue</source>
            <translation>&amp;Megerősítés és tovább</translation>
        </message>
        <message>
            <source>Check this step and confirm it again.</source>
            <translation>Ellenőrizze ezt a lépést, és erősítse meg újra.</translation>
        </message>
        <message>
            <source>&amp;Save and continue</source>
            <translation>&amp;Mentés és tovább</translation>
        </message>
        <message>
            <source>Saved on this computer when you continue (Ctrl+Enter).</source>
            <translation>Továbblépéskor ezen a gépen mentődik (Ctrl+Enter).</translation>
        </message>
        <message>
            <source>&amp;Submit sale</source>
            <translation>&amp;Beküldés</translation>
        </message>
        <message>
            <source>Lookups are still running: submit now and the sale submits by itself when they finish.</source>
            <translation>Az ellenőrzések még futnak: küldje be most, és az értékesítés magától beküldésre kerül, amint befejeződnek.</translation>
        </message>
        <message>
            <source>Settle the points above to submit.</source>
            <translation>A beküldéshez rendezze a fenti pontokat.</translation>
        </message>
        <message>
            <source>The sale was not submitted: {reason}</source>
            <translation>Az értékesítés nem lett beküldve: {reason}</translation>
        </message>
        <message>
            <source>Why is this sale cancelled?</source>
            <translation>Miért vonja vissza az értékesítést?</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) still could not be applied; the reasons are shown above. Edit the step to enter them differently, or dismiss them.</source>
            <translation>
                <numerusform>%n módosítás továbbra sem alkalmazható; az okok fent láthatók. Szerkessze a lépést, és adja meg másképp, vagy vesse el őket.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) applied again.</source>
            <translation>
                <numerusform>%n módosítás újra alkalmazva.</numerusform>
            </translation>
        </message>
        <message>
            <source>Applying your changes again…</source>
            <translation>A módosítások újbóli alkalmazása…</translation>
        </message>
        <message>
            <source>Dismiss changes</source>
            <translation>Módosítások elvetése</translation>
        </message>
        <message>
            <source>Dismiss the changes that could not be applied? They are removed from this computer; the sale stays as it is now.</source>
            <translation>Elveti a nem alkalmazható módosításokat? Törlődnek erről a számítógépről; az értékesítés a mostani állapotában marad.</translation>
        </message>
    </context>
    <context>
        <name>SalesTableModel</name>
        <message>
            <source>Customer</source>
            <translation>Ügyfél</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Állapot</translation>
        </message>
        <message>
            <source>Gross total</source>
            <translation>Bruttó végösszeg</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>Lépés</translation>
        </message>
        <message>
            <source>Last change</source>
            <translation>Utolsó módosítás</translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>Szinkron</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) made on this computer could not be applied after syncing; open the sale to apply them again or dismiss them</source>
            <translation>
                <numerusform>%n, ezen a számítógépen végzett módosítás nem alkalmazható a szinkronizálás után; nyissa meg az értékesítést, és alkalmazza újra vagy vesse el</numerusform>
            </translation>
        </message>
        <message>
            <source>Everything is uploaded</source>
            <translation>Minden feltöltve</translation>
        </message>
        <message numerus="yes">
            <source>%n event(s) not uploaded yet</source>
            <translation>
                <numerusform>%n esemény még nincs feltöltve</numerusform>
            </translation>
        </message>
        <message>
            <source>(no customer yet)</source>
            <translation>(még nincs ügyfél)</translation>
        </message>
        <message numerus="yes">
            <source>%n conflict(s)</source>
            <translation>
                <numerusform>%n ütközés</numerusform>
            </translation>
        </message>
        <message>
            <source>Uploaded</source>
            <translation>Feltöltve</translation>
        </message>
        <message numerus="yes">
            <source>%n to upload</source>
            <translation>
                <numerusform>%n feltöltendő</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>Beállítások</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Szerver</translation>
        </message>
        <message>
            <source>Server URL</source>
            <translation>Szerver URL-je</translation>
        </message>
        <message>
            <source>Server &amp;URL:</source>
            <translation>Szerver &amp;URL:</translation>
        </message>
        <message>
            <source>Locked by your administrator in {path}</source>
            <translation>A rendszergazda rögzítette itt: {path}</translation>
        </message>
        <message>
            <source>Set by your administrator: {reason}</source>
            <translation>A rendszergazda állította be: {reason}</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Felhasználónév</translation>
        </message>
        <message>
            <source>User &amp;name:</source>
            <translation>&amp;Felhasználónév:</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Jelszó</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>&amp;Jelszó:</translation>
        </message>
        <message>
            <source>&amp;Sign in</source>
            <translation>&amp;Bejelentkezés</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Bejelentkezés</translation>
        </message>
        <message>
            <source>Sign &amp;out</source>
            <translation>&amp;Kijelentkezés</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>Kijelentkezés</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Nyelv</translation>
        </message>
        <message>
            <source>System default</source>
            <translation>Rendszer alapértelmezése</translation>
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation>&amp;Nyelv:</translation>
        </message>
        <message>
            <source>A new language takes effect the next time SalesDesk starts; windows that are open now keep their language.</source>
            <translation>Az új nyelv a SalesDesk következő indításától érvényes; a most nyitott ablakok megtartják a nyelvüket.</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Bezárás</translation>
        </message>
        <message>
            <source>Saved when you close Settings. SalesDesk speaks {language} from its next start: close it and open it again to switch now (nothing is lost).</source>
            <translation>A Beállítások bezárásakor mentjük. A SalesDesk a következő indítástól ezen a nyelven szól: {language}. Zárja be és nyissa meg újra, ha most szeretne váltani (semmi sem vész el).</translation>
        </message>
        <message>
            <source>Set by your administrator</source>
            <translation>A rendszergazda által beállítva</translation>
        </message>
        <message>
            <source>These settings come from {path}. Locked ones cannot be changed here.</source>
            <translation>Ezek a beállítások innen származnak: {path}. A zároltak itt nem módosíthatók.</translation>
        </message>
        <message>
            <source>Locked by your administrator</source>
            <translation>A rendszergazda zárolta</translation>
        </message>
        <message>
            <source>locked</source>
            <translation>zárolva</translation>
        </message>
        <message>
            <source>Server URL:</source>
            <translation>Szerver URL:</translation>
        </message>
        <message>
            <source>Extra trusted certificates:</source>
            <translation>További megbízható tanúsítványok:</translation>
        </message>
        <message>
            <source>Syncing:</source>
            <translation>Szinkronizálás:</translation>
        </message>
        <message>
            <source>Sync every:</source>
            <translation>Szinkronizálás gyakorisága:</translation>
        </message>
        <message>
            <source>Command line waits for lookups:</source>
            <translation>A parancssor ennyit vár az ellenőrzésekre:</translation>
        </message>
        <message>
            <source>Quotes are valid for:</source>
            <translation>Az árajánlatok érvényessége:</translation>
        </message>
        <message>
            <source>Manager approval for discounts above:</source>
            <translation>Vezetői jóváhagyás ennél nagyobb kedvezménynél:</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>Nyelv:</translation>
        </message>
        <message>
            <source>(not set)</source>
            <translation>(nincs megadva)</translation>
        </message>
        <message>
            <source>On</source>
            <translation>Be</translation>
        </message>
        <message>
            <source>Off — this computer never syncs</source>
            <translation>Ki — ez a számítógép soha nem szinkronizál</translation>
        </message>
        <message numerus="yes">
            <source>%n second(s)</source>
            <translation>
                <numerusform>%n másodperc</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n nap</numerusform>
            </translation>
        </message>
        <message>
            <source>Your administrator turned syncing off for this computer (in {path}). Your sales stay on this computer.</source>
            <translation>A rendszergazda kikapcsolta a szinkronizálást ezen a számítógépen (itt: {path}). Az értékesítései ezen a számítógépen maradnak.</translation>
        </message>
        <message>
            <source>manager</source>
            <translation>vezető</translation>
        </message>
        <message>
            <source>agent</source>
            <translation>üzletkötő</translation>
        </message>
        <message>
            <source>Signed in as {user} ({role})</source>
            <translation>Bejelentkezve: {user} ({role})</translation>
        </message>
        <message>
            <source>Your session ended — sign in again to sync.</source>
            <translation>A munkamenet lejárt – a szinkronizáláshoz jelentkezzen be újra.</translation>
        </message>
        <message>
            <source>Not signed in. Your sales stay on this computer.</source>
            <translation>Nincs bejelentkezve. Az értékesítések ezen a gépen maradnak.</translation>
        </message>
        <message>
            <source>Enter the server URL, your user name and your password.</source>
            <translation>Adja meg a szerver URL-jét, a felhasználónevét és a jelszavát.</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>Bejelentkezés…</translation>
        </message>
    </context>
    <context>
        <name>StepList</name>
        <message>
            <source>Steps of the sale</source>
            <extracomment>state -&gt; (icon, colour token)</extracomment>
            <translation>Az értékesítés lépései</translation>
        </message>
    </context>
    <context>
        <name>StepPage</name>
        <message>
            <source>{note} since this step was confirmed: check it and confirm it again.</source>
            <translation>{note} a lépés megerősítése óta: ellenőrizze, és erősítse meg újra.</translation>
        </message>
    </context>
    <context>
        <name>SubmitPage</name>
        <message>
            <source>Submit</source>
            <translation>Beküldés</translation>
        </message>
        <message>
            <source>Lookups</source>
            <translation>Ellenőrzések</translation>
        </message>
        <message>
            <source>Order accepted — order number {number}</source>
            <translation>Rendelés elfogadva – rendelésszám: {number}</translation>
        </message>
        <message>
            <source>The server confirmed the order. Nothing more to do here.</source>
            <translation>A szerver visszaigazolta a rendelést. Itt nincs több teendő.</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>Beküldve</translation>
        </message>
        <message>
            <source>The sale is complete on this computer. It is uploaded with the next sync and gets its order number from the server.</source>
            <translation>Az értékesítés ezen a gépen elkészült. A következő szinkronizáláskor feltöltődik, és a szervertől kapja meg a rendelésszámát.</translation>
        </message>
        <message>
            <source>Waiting for lookups, then submitting by itself</source>
            <translation>Az ellenőrzésekre vár, utána magától beküldi</translation>
        </message>
        <message>
            <source>You can close this window or keep working: when the checks below finish (also after the network comes back), the sale is submitted automatically.</source>
            <translation>Bezárhatja ezt az ablakot, vagy dolgozhat tovább: amint az alábbi ellenőrzések befejeződnek (akkor is, ha a hálózat csak később tér vissza), az értékesítés automatikusan beküldésre kerül.</translation>
        </message>
        <message>
            <source>Automatic submission stopped</source>
            <translation>Az automatikus beküldés leállt</translation>
        </message>
        <message>
            <source>Not submitted yet</source>
            <translation>Még nincs beküldve</translation>
        </message>
        <message>
            <source>Check the Review step, then press Submit.</source>
            <translation>Nézze át az Áttekintés lépést, majd nyomja meg a Beküldés gombot.</translation>
        </message>
    </context>
    <context>
        <name>SyncStatusBar</name>
        <message>
            <source>Working</source>
            <translation>Dolgozom</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Szinkronizálás most</translation>
        </message>
        <message>
            <source>Upload and download changes now (F5)</source>
            <translation>Módosítások fel- és letöltése most (F5)</translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation>Szinkronizálás…</translation>
        </message>
        <message>
            <source>Sign in again to sync</source>
            <translation>A szinkronizáláshoz jelentkezzen be újra</translation>
        </message>
        <message>
            <source>Online — {user} at {host}</source>
            <translation>Online – {user}, {host}</translation>
        </message>
        <message>
            <source>Offline — changes upload when the network is back</source>
            <translation>Offline – a módosítások a hálózat visszatérésekor töltődnek fel</translation>
        </message>
        <message>
            <source>Not connected — local only</source>
            <translation>Nincs kapcsolat – csak helyben</translation>
        </message>
        <message>
            <source>Last sync {when}</source>
            <translation>Utolsó szinkronizálás: {when}</translation>
        </message>
        <message>
            <source>Never synced</source>
            <translation>Még nem volt szinkronizálás</translation>
        </message>
        <message numerus="yes">
            <source>%n event(s) waiting to upload</source>
            <translation>
                <numerusform>%n esemény vár feltöltésre</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing waiting to upload</source>
            <translation>Nincs feltöltésre váró adat</translation>
        </message>
        <message numerus="yes">
            <source>%n lookup(s) waiting</source>
            <translation>
                <numerusform>%n ellenőrzés vár</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n lookup(s) failed</source>
            <translation>
                <numerusform>%n ellenőrzés sikertelen</numerusform>
            </translation>
        </message>
        <message>
            <source>No lookups waiting</source>
            <translation>Nincs váró ellenőrzés</translation>
        </message>
    </context>
    <context>
        <name>TermsPage</name>
        <message>
            <source>Payment and delivery as agreed with the customer.</source>
            <translation>Fizetés és szállítás az ügyféllel egyeztetett módon.</translation>
        </message>
        <message>
            <source> days</source>
            <translation> nap</translation>
        </message>
        <message>
            <source>Payment terms in days</source>
            <translation>Fizetési határidő napokban</translation>
        </message>
        <message>
            <source>0 means payment in advance; at most 120 days.</source>
            <translation>A 0 előre fizetést jelent; legfeljebb 120 nap.</translation>
        </message>
        <message>
            <source>Pa&amp;yment terms:</source>
            <translation>&amp;Fizetési határidő:</translation>
        </message>
        <message>
            <source>A &amp;delivery date was agreed</source>
            <translation>&amp;Szállítási időpontban megállapodtunk</translation>
        </message>
        <message>
            <source>A delivery date was agreed</source>
            <translation>Szállítási időpontban megállapodtunk</translation>
        </message>
        <message>
            <source>Delivery date</source>
            <translation>Szállítási dátum</translation>
        </message>
        <message>
            <source>De&amp;livery:</source>
            <translation>Szá&amp;llítás:</translation>
        </message>
        <message>
            <source>Notes for the quote</source>
            <translation>Megjegyzések az ajánlathoz</translation>
        </message>
        <message>
            <source>Anything the customer should read on the quote</source>
            <translation>Amit az ügyfélnek el kell olvasnia az ajánlaton</translation>
        </message>
        <message>
            <source>Optional, up to 2000 characters.</source>
            <translation>Nem kötelező, legfeljebb 2000 karakter.</translation>
        </message>
        <message>
            <source>N&amp;otes:</source>
            <translation>Me&amp;gjegyzés:</translation>
        </message>
    </context>
    <context>
        <name>Texts</name>
        <message>
            <source>Draft</source>
            <translation>Piszkozat</translation>
        </message>
        <message>
            <source>Waiting for lookups</source>
            <translation>Ellenőrzésekre vár</translation>
        </message>
        <message>
            <source>Needs approval</source>
            <translation>Jóváhagyásra vár</translation>
        </message>
        <message>
            <source>Ready to submit</source>
            <translation>Beküldhető</translation>
        </message>
        <message>
            <source>Submitting</source>
            <translation>Beküldés alatt</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>Beküldve</translation>
        </message>
        <message>
            <source>Accepted</source>
            <translation>Elfogadva</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Visszavonva</translation>
        </message>
        <message>
            <source>Expired</source>
            <translation>Lejárt</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Nyitott</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>Ügyfél</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>Kapcsolattartó</translation>
        </message>
        <message>
            <source>Lines</source>
            <translation>Tételek</translation>
        </message>
        <message>
            <source>Terms</source>
            <translation>Feltételek</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>Áttekintés</translation>
        </message>
        <message>
            <source>Submit</source>
            <translation>Beküldés</translation>
        </message>
        <message>
            <source>Not ready yet</source>
            <translation>Még nem kész</translation>
        </message>
        <message>
            <source>Waiting for checks</source>
            <translation>Ellenőrzésekre vár</translation>
        </message>
        <message>
            <source>Sale closed</source>
            <translation>Értékesítés lezárva</translation>
        </message>
        <message>
            <source>Submitting…</source>
            <translation>Beküldés…</translation>
        </message>
        <message>
            <source>Not submitted</source>
            <translation>Nincs beküldve</translation>
        </message>
        <message>
            <source>Stopped</source>
            <translation>Leállt</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Kész</translation>
        </message>
        <message>
            <source>Confirm again</source>
            <translation>Újra megerősítendő</translation>
        </message>
        <message>
            <source>Not filled in</source>
            <translation>Nincs kitöltve</translation>
        </message>
        <message>
            <source>Needs correction</source>
            <translation>Javítandó</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>Nem mentett módosítások</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>Várakozik</translation>
        </message>
        <message>
            <source>VAT number and company (VIES)</source>
            <translation>Adószám és cég (VIES)</translation>
        </message>
        <message>
            <source>Credit check</source>
            <translation>Hitelképesség-ellenőrzés</translation>
        </message>
        <message>
            <source>Address check</source>
            <translation>Címellenőrzés</translation>
        </message>
        <message>
            <source>Queued — starts in a moment</source>
            <translation>Sorban áll – hamarosan indul</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Ellenőrzés…</translation>
        </message>
        <message>
            <source>Waiting for the network — runs by itself when you are back online</source>
            <translation>Hálózatra vár – magától lefut, amint újra online</translation>
        </message>
        <message>
            <source>Trying again at {time} (attempt {n} failed: {reason})</source>
            <translation>Új próbálkozás: {time} (a(z) {n}. kísérlet sikertelen: {reason})</translation>
        </message>
        <message>
            <source>Failed: {reason}</source>
            <translation>Sikertelen: {reason}</translation>
        </message>
        <message>
            <source>Replaced by a newer check</source>
            <translation>Újabb ellenőrzés váltotta fel</translation>
        </message>
        <message>
            <source>Registered in VIES: {name}</source>
            <translation>A VIES-ben nyilvántartva: {name}</translation>
        </message>
        <message>
            <source>(no name published)</source>
            <translation>(a név nem nyilvános)</translation>
        </message>
        <message>
            <source>Not registered in VIES — check the number with the customer</source>
            <translation>Nincs a VIES-ben – egyeztesse a számot az ügyféllel</translation>
        </message>
        <message>
            <source>Approved up to {limit} (rating {rating})</source>
            <translation>Jóváhagyva {limit} összegig (minősítés: {rating})</translation>
        </message>
        <message>
            <source>Declined: {reason}</source>
            <translation>Elutasítva: {reason}</translation>
        </message>
        <message>
            <source>no reason given</source>
            <translation>indoklás nélkül</translation>
        </message>
        <message>
            <source>Address found: {address}</source>
            <translation>Cím megtalálva: {address}</translation>
        </message>
        <message>
            <source>Address not found — check it</source>
            <translation>A cím nem található – ellenőrizze</translation>
        </message>
        <message>
            <source>just now</source>
            <translation>épp most</translation>
        </message>
        <message numerus="yes">
            <source>%n min ago</source>
            <translation>
                <numerusform>%n perce</numerusform>
            </translation>
        </message>
        <message>
            <source>today {time}</source>
            <translation>ma {time}</translation>
        </message>
        <message>
            <source>Lookup</source>
            <translation>Ellenőrzés</translation>
        </message>
        <message numerus="yes">
            <source>%n line(s)</source>
            <translation>
                <numerusform>%n tétel</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TimelineDialog</name>
        <message>
            <source>Timeline of the sale</source>
            <translation>Az értékesítés előzményei</translation>
        </message>
        <message>
            <source>Everything that happened to this sale, in order. Each line is one recorded event; nothing is ever changed afterwards.</source>
            <translation>Minden, ami ezzel az értékesítéssel történt, időrendben. Minden sor egy rögzített esemény; utólag semmi sem változik.</translation>
        </message>
        <message>
            <source>Events of the sale</source>
            <translation>Az értékesítés eseményei</translation>
        </message>
        <message>
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Idő</translation>
        </message>
        <message>
            <source>By</source>
            <translation>Ki</translation>
        </message>
        <message>
            <source>What</source>
            <translation>Mi</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Bezárás</translation>
        </message>
        <message>
            <source>This computer</source>
            <translation>Ez a gép</translation>
        </message>
        <message>
            <source>Another computer ({id})</source>
            <translation>Másik gép ({id})</translation>
        </message>
        <message>
            <source>Manager {name}</source>
            <translation>Vezető: {name}</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Szerver</translation>
        </message>
    </context>
    <context>
        <name>Units</name>
        <message>
            <source>pcs</source>
            <translation>db</translation>
        </message>
        <message>
            <source>box</source>
            <translation>doboz</translation>
        </message>
        <message>
            <source>pack</source>
            <translation>csomag</translation>
        </message>
        <message>
            <source>set</source>
            <translation>készlet</translation>
        </message>
        <message>
            <source>pair</source>
            <translation>pár</translation>
        </message>
        <message>
            <source>ream</source>
            <translation>rizsma</translation>
        </message>
        <message>
            <source>roll</source>
            <translation>tekercs</translation>
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
            <translation>óra</translation>
        </message>
        <message>
            <source>day</source>
            <translation>nap</translation>
        </message>
        <message>
            <source>month</source>
            <translation>hónap</translation>
        </message>
        <message>
            <source>year</source>
            <translation>év</translation>
        </message>
        <message>
            <source>licence</source>
            <translation>licenc</translation>
        </message>
        <message>
            <source>user</source>
            <translation>felhasználó</translation>
        </message>
    </context>
    <context>
        <name>_LineEditor</name>
        <message>
            <source>Quantity of line {n}</source>
            <translation>A(z) {n}. tétel mennyisége</translation>
        </message>
        <message>
            <source>Discount of line {n}</source>
            <translation>A(z) {n}. tétel kedvezménye</translation>
        </message>
    </context>
</TS>