<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>App</name>
        <message>
            <source>There is no price list on this computer yet, so no sale can be started. Sync with the server, or load a price list file with File › Import price list…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The demo price list could not be loaded: {reason}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AppController</name>
        <message>
            <source>Working…</source>
            <extracomment>workflow id -&gt; how many local changes sync could not carry over (only sales with any)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Starting a new sale…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening the sale…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saving…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading history…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loading the price list…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saving file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing in…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loading the team's sales…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sending the decision…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ApprovalsDialog</name>
        <message>
            <source>Discount approvals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sales of your team with a discount above the limit wait for your decision. The agent sees it after their next sync.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show &amp;all team sales</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show all team sales</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refresh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sales waiting for approval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gross total</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Comment for the agent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the agent should know (required when you reject)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Comment:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A&amp;pprove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Approve the discount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re&amp;ject</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reject the discount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(no customer yet)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Limit without approval: {t}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing is waiting for your decision.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Say why you reject the discount, so the agent knows what to change.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Approved the discount for {who}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rejected the discount for {who}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The decision was not recorded: {reason}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Conflicts</name>
        <message>
            <source>Your change to {step}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your submission</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your cancellation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your change ({name})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(−{discount})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>payment in {days} days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the sale was already marked “{status}” elsewhere (on another computer or by the server) before your change reached the server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>after the changes made elsewhere it is no longer valid: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it no longer fits the sale as it was changed elsewhere</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n change(s) made on this computer could not be applied after syncing, because this sale was changed elsewhere in the meantime. Nothing was deleted:</source>
            <translation>
                <numerusform>%n change made on this computer could not be applied after syncing, because this sale was changed elsewhere in the meantime. Nothing was deleted:</numerusform>
                <numerusform>%n changes made on this computer could not be applied after syncing, because this sale was changed elsewhere in the meantime. Nothing was deleted:</numerusform>
            </translation>
        </message>
        <message>
            <source>{change} ({when}) was not applied: {why}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It held: {details}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused this sale's latest changes: {reason}. They are kept on this computer and are sent again at the next sync.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Apply again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apply the changes again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Dismiss</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dismiss the changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Edit {step}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit {step}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ContactPage</name>
        <message>
            <source>Who at the customer receives the quote?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contact name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>E-mail address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;E-mail:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Phone number (optional)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Optional. With + and the country code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Phone:</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CustomerPage</name>
        <message>
            <source>Enter the customer's VAT number. SalesDesk checks it in the EU VAT register (VIES) and fills in the company's name and address; you can still change them.</source>
            <extracomment>Offline-check problems that only mean "not finished typing" while the field has focus.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. DE136695976</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VAT number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>With the country code, e.g. DE136695976 or HU12892312</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;VAT number:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try a&amp;gain</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try the VAT check again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VIES check:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Company name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filled in from VIES when the number is checked.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use registry name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use the company name from the registry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Company &amp;name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filled in from VIES when available.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use registry address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use the address from the registry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Address:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address check:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{vat}: the format and check digit are right</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your own value; the registry says: {value}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your own value (the registry has not answered yet).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From VIES. You can change it.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LinesModel</name>
        <message>
            <source>SKU</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quantity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unit price</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount %</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Net</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VAT</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gross</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(not in price list)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Double-click or press F2 to change</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LinesPage</name>
        <message>
            <source>Pick products from the sale's price list (search by SKU or name), set the quantity and any discount. Totals update as you type.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search by SKU, name or category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search products</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Find product:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Products in the price list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quantity to add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quantity:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount percent to add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>D&amp;iscount:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Add line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Price list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lines of the sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Remove line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the selected line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add at least one product.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lines</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Totals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The price list of this sale could not be read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick a product in the list first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>quantity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>discount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Line {n} ({sku})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Net before discount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Net</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VAT {rate} on {base}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gross total</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gross total {amount}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Double-click a quantity or discount to change it; Delete removes a line.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A discount above {threshold} needs a manager's approval before the sale can be submitted.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>SalesDesk</source>
            <extracomment>After start-up, the sale editor's pages are built once off screen, one per idle turn, so that the first sale opens as fast as later ones (see sale.window.warm_up_steps).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;New sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start a new sale (Ctrl+N)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Open sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Timeline…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quote PDF…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Cancel sale…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Import price list…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Sync now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Approvals…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Se&amp;ttings…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;About SalesDesk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>S&amp;ync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Main toolbar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sales</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search customer, VAT number, order…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search sales</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sea&amp;rch:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show sales</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All sales</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs approval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ready to submit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for lookups</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled or expired</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>With sync conflicts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sho&amp;w:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No sales yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start your first sale with New sale (Ctrl+N). Everything you enter is kept on this computer as you go, online or not.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening your sales…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import price list…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SalesDesk — {agent}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your sales could not be opened.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>line {number}: </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The administrator's settings file {path} has a problem, so SalesDesk uses safe built-in values for what it could not read. Your work is not affected; please tell your administrator:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Hide</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Changes made on this computer to %n sale(s) could not be applied after syncing, because the sale had changed elsewhere in the meantime. Nothing was deleted: open the sale to apply them again or dismiss them.</source>
            <translation>
                <numerusform>Changes made on this computer to %n sale could not be applied after syncing, because the sale had changed elsewhere in the meantime. Nothing was deleted: open the sale to apply them again or dismiss them.</numerusform>
                <numerusform>Changes made on this computer to %n sales could not be applied after syncing, because the sale had changed elsewhere in the meantime. Nothing was deleted: open the sale to apply them again or dismiss them.</numerusform>
            </translation>
        </message>
        <message>
            <source>Show them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No price list yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A sale needs a price list, and this computer has none yet. Sync with the server, or load one with File › Import price list…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sale could not be started</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quote saved to {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why is this sale cancelled? (The customer and your manager see this.)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Please give a reason.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sale was not cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import price list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Price lists (*.json)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Price list {version} is now used for new sales.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The price list was not imported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>About SalesDesk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;SalesDesk {version}&lt;/b&gt;&lt;p&gt;Sales that are saved as you type, work offline and sync when the network is back.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>{step} is not filled in yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{step} must be confirmed again ({changed} changed)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the VAT number is still being checked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the VAT number could not be checked: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VAT number {vat} is not registered in VIES; correct it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the credit check is still running</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the credit check failed: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the credit bureau did not approve this order ({reason})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the credit bureau did not approve this order (no reason given)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the gross total {gross} exceeds the approved credit limit {limit}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the credit check has not run yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the address is still being checked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a manager must approve the {discount} discount (above {threshold})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the manager rejected the discount; lower it to resubmit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the manager rejected the discount: {comment}; lower it to resubmit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>automatic submission stopped: {problems}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{changed} changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the VAT number is not registered in VIES</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sale started by {agent} with price list {version}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer set: VAT {vat}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer set: VAT {vat}, company name “{name}”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contact set: {name} &lt;{email}&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lines set: {lines}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Terms set: payment in {days} days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submitted by the agent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount approved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount approved — {comment}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount rejected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount rejected — {comment}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Order accepted: order number {order}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signal {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Started: {lookup}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finished: {lookup} (attempt {attempts})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finished: {lookup} — valid, {name} (attempt {attempts})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finished: {lookup} — valid (attempt {attempts})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finished: {lookup} — NOT valid (attempt {attempts})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finished: {lookup} — NOT valid, {name} (attempt {attempts})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finished: {lookup} — approved, limit {limit}, rating {rating} (attempt {attempts})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finished: {lookup} — declined, limit {limit}, rating {rating} (attempt {attempts})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finished: {lookup} — {address} (attempt {attempts})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finished: {lookup} — address not found (attempt {attempts})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{lookup} failed: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{lookup} cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quote valid until {date}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quote validity ran out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Process version marker {patch}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sale closed: {status}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sale failed: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{type}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ProductsModel</name>
        <message>
            <source>SKU</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unit price</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VAT</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Quote</name>
        <message>
            <source>VAT number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attn.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Payment in advance.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delivery on {date}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This quote is valid until {date}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quote</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prepared by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Price list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>For</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quantity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unit price</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Net</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VAT</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gross</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VAT breakdown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Net before discount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Total</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Payment within %n day(s) of the invoice date.</source>
            <translation>
                <numerusform>Payment within %n day of the invoice date.</numerusform>
                <numerusform>Payment within %n days of the invoice date.</numerusform>
            </translation>
        </message>
        <message>
            <source>Save quote as PDF</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The quote was not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The quote could not be saved: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saving the quote…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReviewPage</name>
        <message>
            <source>Go to {step}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Summary of the sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This sale was submitted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submitting as soon as the lookups below have finished.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Everything is in place. Press Submit to send the order.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n thing(s) to settle before this sale can be submitted:</source>
            <translation>
                <numerusform>%n thing to settle before this sale can be submitted:</numerusform>
                <numerusform>%n things to settle before this sale can be submitted:</numerusform>
            </translation>
        </message>
        <message>
            <source>Not filled in yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(name not known yet)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>entered by you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VAT number {vat}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VIES consultation {number}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No contact yet</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Payment within %n day(s)</source>
            <translation>
                <numerusform>Payment within %n day</numerusform>
                <numerusform>Payment within %n days</numerusform>
            </translation>
        </message>
        <message>
            <source>Payment in advance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delivery on {date}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No terms yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quote valid until {date}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contact and terms</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lines and totals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checks and approval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No lines yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Qty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unit price</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Net</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VAT</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gross</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>of which discount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VAT {rate} on {base}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gross total</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No lookups yet: they start when the VAT number is entered.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not needed (no discount above {t})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for a manager: {d} discount is above {t}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Approved by {who}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rejected by {who}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a manager</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount approval</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SaleWindow</name>
        <message>
            <source>Sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening the sale…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Timeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Timeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quote PDF</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quote PDF</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel sa&amp;le…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Next</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restored what you typed on {when} but had not saved yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Discard these changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This sale could not be opened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sale — {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>new</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quote valid until {date}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Price list {version}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Total {gross}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Order {number}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This sale is waiting for its lookups and then submits by itself; it cannot be changed meanwhile.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This sale was submitted; it can no longer be changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This sale was cancelled: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The quote expired on {date}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Confirm and continue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check this step and confirm it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Save and continue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved on this computer when you continue (Ctrl+Enter).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Submit sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lookups are still running: submit now and the sale submits by itself when they finish.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settle the points above to submit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sale was not submitted: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why is this sale cancelled?</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n change(s) still could not be applied; the reasons are shown above. Edit the step to enter them differently, or dismiss them.</source>
            <translation>
                <numerusform>%n change still could not be applied; the reasons are shown above. Edit the step to enter them differently, or dismiss them.</numerusform>
                <numerusform>%n changes still could not be applied; the reasons are shown above. Edit the step to enter them differently, or dismiss them.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) applied again.</source>
            <translation>
                <numerusform>%n change applied again.</numerusform>
                <numerusform>%n changes applied again.</numerusform>
            </translation>
        </message>
        <message>
            <source>Applying your changes again…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dismiss changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dismiss the changes that could not be applied? They are removed from this computer; the sale stays as it is now.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SalesTableModel</name>
        <message>
            <source>Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gross total</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n change(s) made on this computer could not be applied after syncing; open the sale to apply them again or dismiss them</source>
            <translation>
                <numerusform>%n change made on this computer could not be applied after syncing; open the sale to apply them again or dismiss them</numerusform>
                <numerusform>%n changes made on this computer could not be applied after syncing; open the sale to apply them again or dismiss them</numerusform>
            </translation>
        </message>
        <message>
            <source>Everything is uploaded</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n event(s) not uploaded yet</source>
            <translation>
                <numerusform>%n event not uploaded yet</numerusform>
                <numerusform>%n events not uploaded yet</numerusform>
            </translation>
        </message>
        <message>
            <source>(no customer yet)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n conflict(s)</source>
            <translation>
                <numerusform>%n conflict</numerusform>
                <numerusform>%n conflicts</numerusform>
            </translation>
        </message>
        <message>
            <source>Uploaded</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n to upload</source>
            <translation>
                <numerusform>%n to upload</numerusform>
                <numerusform>%n to upload</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server &amp;URL:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Locked by your administrator in {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set by your administrator: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User &amp;name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Sign in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign &amp;out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>System default</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A new language takes effect the next time SalesDesk starts; windows that are open now keep their language.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved when you close Settings. SalesDesk speaks {language} from its next start: close it and open it again to switch now (nothing is lost).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set by your administrator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>These settings come from {path}. Locked ones cannot be changed here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Locked by your administrator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>locked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server URL:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Extra trusted certificates:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync every:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Command line waits for lookups:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quotes are valid for:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Manager approval for discounts above:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Language:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(not set)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Off — this computer never syncs</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n second(s)</source>
            <translation>
                <numerusform>%n second</numerusform>
                <numerusform>%n seconds</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message>
            <source>Your administrator turned syncing off for this computer (in {path}). Your sales stay on this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>manager</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>agent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed in as {user} ({role})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your session ended — sign in again to sync.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not signed in. Your sales stay on this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter the server URL, your user name and your password.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing in…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StepList</name>
        <message>
            <source>Steps of the sale</source>
            <extracomment>state -&gt; (icon, colour token)</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StepPage</name>
        <message>
            <source>{note} since this step was confirmed: check it and confirm it again.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SubmitPage</name>
        <message>
            <source>Submit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lookups</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Order accepted — order number {number}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server confirmed the order. Nothing more to do here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sale is complete on this computer. It is uploaded with the next sync and gets its order number from the server.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for lookups, then submitting by itself</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You can close this window or keep working: when the checks below finish (also after the network comes back), the sale is submitted automatically.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Automatic submission stopped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not submitted yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the Review step, then press Submit.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SyncStatusBar</name>
        <message>
            <source>Working</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Upload and download changes now (F5)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in again to sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Online — {user} at {host}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Offline — changes upload when the network is back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not connected — local only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last sync {when}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Never synced</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n event(s) waiting to upload</source>
            <translation>
                <numerusform>%n event waiting to upload</numerusform>
                <numerusform>%n events waiting to upload</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing waiting to upload</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n lookup(s) waiting</source>
            <translation>
                <numerusform>%n lookup waiting</numerusform>
                <numerusform>%n lookups waiting</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n lookup(s) failed</source>
            <translation>
                <numerusform>%n lookup failed</numerusform>
                <numerusform>%n lookups failed</numerusform>
            </translation>
        </message>
        <message>
            <source>No lookups waiting</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TermsPage</name>
        <message>
            <source>Payment and delivery as agreed with the customer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Payment terms in days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>0 means payment in advance; at most 120 days.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pa&amp;yment terms:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A &amp;delivery date was agreed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A delivery date was agreed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delivery date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>De&amp;livery:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notes for the quote</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Anything the customer should read on the quote</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Optional, up to 2000 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>N&amp;otes:</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Texts</name>
        <message>
            <source>Draft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for lookups</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs approval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ready to submit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submitting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expired</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lines</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Terms</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not ready yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for checks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sale closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submitting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not submitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stopped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Confirm again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not filled in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs correction</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VAT number and company (VIES)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Credit check</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address check</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Queued — starts in a moment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for the network — runs by itself when you are back online</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trying again at {time} (attempt {n} failed: {reason})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replaced by a newer check</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Registered in VIES: {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(no name published)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not registered in VIES — check the number with the customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Approved up to {limit} (rating {rating})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Declined: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no reason given</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address found: {address}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address not found — check it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>just now</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n min ago</source>
            <translation>
                <numerusform>%n min ago</numerusform>
                <numerusform>%n min ago</numerusform>
            </translation>
        </message>
        <message>
            <source>today {time}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lookup</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n line(s)</source>
            <translation>
                <numerusform>%n line</numerusform>
                <numerusform>%n lines</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TimelineDialog</name>
        <message>
            <source>Timeline of the sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Everything that happened to this sale, in order. Each line is one recorded event; nothing is ever changed afterwards.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Events of the sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>By</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Another computer ({id})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Manager {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Units</name>
        <message>
            <source>pcs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>box</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>pack</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>set</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>pair</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ream</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>roll</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>m</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>kg</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>l</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>h</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>year</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>licence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>user</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>_LineEditor</name>
        <message>
            <source>Quantity of line {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount of line {n}</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>