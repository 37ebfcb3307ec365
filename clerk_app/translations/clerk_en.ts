<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ArchivePage</name>
    <message>
        <source>Archive</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>Name in any script or spelling, e.g. Ivanov Pjotr 1931</source>
        <translation>Name in any script or spelling, e.g. Ivanov Pjotr 1931</translation>
    </message>
    <message>
        <source>Search the archive by name</source>
        <translation>Search the archive by name</translation>
    </message>
    <message>
        <source>Records found</source>
        <translation>Records found</translation>
    </message>
    <message>
        <source>Collecting records for request</source>
        <translation>Collecting records for request</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Done</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Correct the filters to search.</source>
        <translation>Correct the filters to search.</translation>
    </message>
    <message>
        <source>The search failed. Try again; if it fails again, tell IT support.</source>
        <translation>The search failed. Try again; if it fails again, tell IT support.</translation>
    </message>
    <message>
        <source>No records found. Try fewer words or other filters.</source>
        <translation>No records found. Try fewer words or other filters.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) found.</source>
        <translation>
            <numerusform>%n record found.</numerusform>
            <numerusform>%n records found.</numerusform>
        </translation>
    </message>
    <message>
        <source>Looser spelling match used: check the names.</source>
        <translation>Looser spelling match used: check the names.</translation>
    </message>
    <message>
        <source>Type a name to search the archive.</source>
        <translation>Type a name to search the archive.</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign the request</source>
        <translation>Assign the request</translation>
    </message>
    <message>
        <source>Who handles request %1? Leave empty for nobody.</source>
        <translation>Who handles request %1? Leave empty for nobody.</translation>
    </message>
    <message>
        <source>&amp;Assignee</source>
        <translation>&amp;Assignee</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <source>Certificates</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>Certificates are not available yet</source>
        <translation>Certificates are not available yet</translation>
    </message>
    <message>
        <source>Preparing archival certificates as PDF/A and signing them with the ID card comes in a later version. The records you collect for a request are kept with the request and will be used for its certificate.</source>
        <translation>Preparing archival certificates as PDF/A and signing them with the ID card comes in a later version. The records you collect for a request are kept with the request and will be used for its certificate.</translation>
    </message>
</context>
<context>
    <name>ClerkApp</name>
    <message>
        <source>The archive cannot be opened</source>
        <translation>The archive cannot be opened</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Something went wrong: %1</translation>
    </message>
    <message>
        <source>The archive database is encrypted and needs a passphrase, and none was given.</source>
        <translation>The archive database is encrypted and needs a passphrase, and none was given.</translation>
    </message>
    <message>
        <source>The passphrase is not right.</source>
        <translation>The passphrase is not right.</translation>
    </message>
    <message>
        <source>The passphrase is too short.</source>
        <translation>The passphrase is too short.</translation>
    </message>
    <message>
        <source>The database key is missing from this computer&apos;s key store. Ask IT support to restore it.</source>
        <translation>The database key is missing from this computer&apos;s key store. Ask IT support to restore it.</translation>
    </message>
    <message>
        <source>This computer&apos;s key store does not answer. Ask IT support.</source>
        <translation>This computer&apos;s key store does not answer. Ask IT support.</translation>
    </message>
    <message>
        <source>The database does not open with its key. Ask IT support.</source>
        <translation>The database does not open with its key. Ask IT support.</translation>
    </message>
    <message>
        <source>The database&apos;s key file is damaged. Ask IT support.</source>
        <translation>The database&apos;s key file is damaged. Ask IT support.</translation>
    </message>
    <message>
        <source>The database could not be opened (%1).</source>
        <translation>The database could not be opened (%1).</translation>
    </message>
</context>
<context>
    <name>DemoOffer</name>
    <message>
        <source>Empty archive</source>
        <translation>Empty archive</translation>
    </message>
    <message>
        <source>The archive has no records yet.</source>
        <translation>The archive has no records yet.</translation>
    </message>
    <message>
        <source>Fill it with a demo archive to try Clerk? The demo holds invented persons of Narva, Sillamäe, Kohtla-Järve, Ivangorod and Daugavpils.</source>
        <translation>Fill it with a demo archive to try Clerk? The demo holds invented persons of Narva, Sillamäe, Kohtla-Järve, Ivangorod and Daugavpils.</translation>
    </message>
    <message>
        <source>Filling the demo archive…</source>
        <translation>Filling the demo archive…</translation>
    </message>
    <message numerus="yes">
        <source>Filling the demo archive: %n record(s)…</source>
        <translation>
            <numerusform>Filling the demo archive: %n record…</numerusform>
            <numerusform>Filling the demo archive: %n records…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The demo archive is ready: %n record(s).</source>
        <translation>
            <numerusform>The demo archive is ready: %n record.</numerusform>
            <numerusform>The demo archive is ready: %n records.</numerusform>
        </translation>
    </message>
    <message>
        <source>The demo archive could not be filled.</source>
        <translation>The demo archive could not be filled.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Maiden name</source>
        <translation>Maiden name</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Record number</source>
        <translation>Record number</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Hired</source>
        <translation>Hired</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <source>Event date</source>
        <translation>Event date</translation>
    </message>
    <message>
        <source>Event place</source>
        <translation>Event place</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>Spouse</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Resided</source>
        <translation>Resided</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Written in</source>
        <translation>Written in</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>Fonds</source>
        <translation>Fonds</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Inventory</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <source>Citation</source>
        <translation>Citation</translation>
    </message>
    <message>
        <source>Archival reference</source>
        <translation>Archival reference</translation>
    </message>
    <message>
        <source>Payroll months</source>
        <translation>Payroll months</translation>
    </message>
    <message>
        <source>Select a record to see all it holds.</source>
        <translation>Select a record to see all it holds.</translation>
    </message>
    <message>
        <source>&amp;Add to request…</source>
        <translation>&amp;Add to request…</translation>
    </message>
    <message>
        <source>Collect this record for a request&apos;s certificate</source>
        <translation>Collect this record for a request&apos;s certificate</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>Exchange</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <source>&amp;Inbox</source>
        <translation>&amp;Inbox</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>&amp;Outbox</translation>
    </message>
    <message>
        <source>The inbox is not available yet</source>
        <translation>The inbox is not available yet</translation>
    </message>
    <message>
        <source>Requests and certificates sent by partner municipalities will appear here in a later version. Until then, register a partner&apos;s request by hand with its case number.</source>
        <translation>Requests and certificates sent by partner municipalities will appear here in a later version. Until then, register a partner&apos;s request by hand with its case number.</translation>
    </message>
    <message>
        <source>The outbox is not available yet</source>
        <translation>The outbox is not available yet</translation>
    </message>
    <message>
        <source>Signed certificates waiting to be sent to partner municipalities, and their receipts, will appear here in a later version.</source>
        <translation>Signed certificates waiting to be sent to partner municipalities, and their receipts, will appear here in a later version.</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <source>Extend the deadline</source>
        <translation>Extend the deadline</translation>
    </message>
    <message numerus="yes">
        <source>The deadline of request %1 is %2. It can be extended once, by up to %n day(s), and the applicant must be told.</source>
        <translation>
            <numerusform>The deadline of request %1 is %2. It can be extended once, by up to %n day, and the applicant must be told.</numerusform>
            <numerusform>The deadline of request %1 is %2. It can be extended once, by up to %n days, and the applicant must be told.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Days</source>
        <translation>&amp;Days</translation>
    </message>
    <message>
        <source>&amp;Notice to the applicant</source>
        <translation>&amp;Notice to the applicant</translation>
    </message>
    <message>
        <source>Days of extension</source>
        <translation>Days of extension</translation>
    </message>
    <message>
        <source>Notice to the applicant</source>
        <translation>Notice to the applicant</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>&amp;Born</source>
        <translation>&amp;Born</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Period</translation>
    </message>
    <message>
        <source>Record &amp;type</source>
        <translation>Record &amp;type</translation>
    </message>
    <message>
        <source>&amp;Enterprise</source>
        <translation>&amp;Enterprise</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>C&amp;lear filters</translation>
    </message>
    <message>
        <source>Born from year</source>
        <translation>Born from year</translation>
    </message>
    <message>
        <source>Born until year</source>
        <translation>Born until year</translation>
    </message>
    <message>
        <source>Period from year</source>
        <translation>Period from year</translation>
    </message>
    <message>
        <source>Period until year</source>
        <translation>Period until year</translation>
    </message>
    <message>
        <source>from</source>
        <translation>from</translation>
    </message>
    <message>
        <source>until</source>
        <translation>until</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>any enterprise</source>
        <translation>any enterprise</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Any record</source>
        <translation>Any record</translation>
    </message>
    <message>
        <source>Civil status (birth, marriage, death)</source>
        <translation>Civil status (birth, marriage, death)</translation>
    </message>
    <message>
        <source>%1: enter a year between %2 and %3.</source>
        <translation>%1: enter a year between %2 and %3.</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>%1: the first year is after the second.</source>
        <translation>%1: the first year is after the second.</translation>
    </message>
</context>
<context>
    <name>Gender</name>
    <message>
        <source>male</source>
        <translation>male</translation>
    </message>
    <message>
        <source>female</source>
        <translation>female</translation>
    </message>
</context>
<context>
    <name>HitsModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>Archival reference</source>
        <translation>Archival reference</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Match</translation>
    </message>
    <message>
        <source>née %1</source>
        <translation>née %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clerk — archive requests and certificates</source>
        <translation>Clerk — archive requests and certificates</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;New request…</source>
        <translation>&amp;New request…</translation>
    </message>
    <message>
        <source>Fill a &amp;demo archive…</source>
        <translation>Fill a &amp;demo archive…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <source>&amp;Find in archive</source>
        <translation>&amp;Find in archive</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Clerk</source>
        <translation>&amp;About Clerk</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>About &amp;Qt</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Sections</translation>
    </message>
    <message>
        <source>About Clerk</source>
        <translation>About Clerk</translation>
    </message>
    <message>
        <source>Clerk registers archive requests, searches the archive across Cyrillic and Latin spellings and prepares archival certificates.</source>
        <translation>Clerk registers archive requests, searches the archive across Cyrillic and Latin spellings and prepares archival certificates.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Set the database passphrase</source>
        <translation>Set the database passphrase</translation>
    </message>
    <message numerus="yes">
        <source>This computer has no key store for the encrypted archive database. Set a passphrase of at least %n characters. Keep it safe: without it the data cannot be opened.</source>
        <translation>
            <numerusform>This computer has no key store for the encrypted archive database. Set a passphrase of at least %n character. Keep it safe: without it the data cannot be opened.</numerusform>
            <numerusform>This computer has no key store for the encrypted archive database. Set a passphrase of at least %n characters. Keep it safe: without it the data cannot be opened.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the archive database</source>
        <translation>Open the archive database</translation>
    </message>
    <message>
        <source>The archive database is encrypted. Enter its passphrase.</source>
        <translation>The archive database is encrypted. Enter its passphrase.</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Passphrase</translation>
    </message>
    <message>
        <source>&amp;Repeat</source>
        <translation>&amp;Repeat</translation>
    </message>
    <message>
        <source>Database passphrase</source>
        <translation>Database passphrase</translation>
    </message>
    <message>
        <source>Database passphrase again</source>
        <translation>Database passphrase again</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>Enter the passphrase.</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters.</source>
        <translation>
            <numerusform>At least %n character.</numerusform>
            <numerusform>At least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>The two passphrases differ.</translation>
    </message>
</context>
<context>
    <name>PayrollModel</name>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Sheet</translation>
    </message>
</context>
<context>
    <name>RecordType</name>
    <message>
        <source>Personnel card</source>
        <translation>Personnel card</translation>
    </message>
    <message>
        <source>Payroll account</source>
        <translation>Payroll account</translation>
    </message>
    <message>
        <source>Birth record</source>
        <translation>Birth record</translation>
    </message>
    <message>
        <source>Marriage record</source>
        <translation>Marriage record</translation>
    </message>
    <message>
        <source>Death record</source>
        <translation>Death record</translation>
    </message>
    <message>
        <source>Residence record</source>
        <translation>Residence record</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Register a request</source>
        <translation>Register a request</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>What is asked</source>
        <translation>What is asked</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>Applicant&apos;s name (or organisation)</source>
        <translation>Applicant&apos;s name (or organisation)</translation>
    </message>
    <message>
        <source>Postal &amp;address</source>
        <translation>Postal &amp;address</translation>
    </message>
    <message>
        <source>Applicant&apos;s postal address with postcode</source>
        <translation>Applicant&apos;s postal address with postcode</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>Applicant&apos;s phone</source>
        <translation>Applicant&apos;s phone</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>Applicant&apos;s e-mail address</source>
        <translation>Applicant&apos;s e-mail address</translation>
    </message>
    <message>
        <source>&amp;Identity document</source>
        <translation>&amp;Identity document</translation>
    </message>
    <message>
        <source>Identity document type and number</source>
        <translation>Identity document type and number</translation>
    </message>
    <message>
        <source>e.g. passport 4510 123456</source>
        <translation>e.g. passport 4510 123456</translation>
    </message>
    <message>
        <source>&amp;Subject</source>
        <translation>&amp;Subject</translation>
    </message>
    <message>
        <source>&amp;Person sought</source>
        <translation>&amp;Person sought</translation>
    </message>
    <message>
        <source>Name of the person sought</source>
        <translation>Name of the person sought</translation>
    </message>
    <message>
        <source>&amp;Born</source>
        <translation>&amp;Born</translation>
    </message>
    <message>
        <source>Birth date of the person sought</source>
        <translation>Birth date of the person sought</translation>
    </message>
    <message>
        <source>&amp;Other names</source>
        <translation>&amp;Other names</translation>
    </message>
    <message>
        <source>Maiden names and other spellings</source>
        <translation>Maiden names and other spellings</translation>
    </message>
    <message>
        <source>Pe&amp;riod</source>
        <translation>Pe&amp;riod</translation>
    </message>
    <message>
        <source>Period from year</source>
        <translation>Period from year</translation>
    </message>
    <message>
        <source>Certificate &amp;language</source>
        <translation>Certificate &amp;language</translation>
    </message>
    <message>
        <source>Certificate language</source>
        <translation>Certificate language</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>Details of the request</source>
        <translation>Details of the request</translation>
    </message>
    <message>
        <source>Period until year</source>
        <translation>Period until year</translation>
    </message>
    <message>
        <source>from</source>
        <translation>from</translation>
    </message>
    <message>
        <source>until</source>
        <translation>until</translation>
    </message>
    <message>
        <source>Second certificate language</source>
        <translation>Second certificate language</translation>
    </message>
    <message>
        <source>e.g. %1, %2 or %3</source>
        <translation>e.g. %1, %2 or %3</translation>
    </message>
    <message>
        <source>no second language</source>
        <translation>no second language</translation>
    </message>
    <message>
        <source>&amp;Came</source>
        <translation>&amp;Came</translation>
    </message>
    <message>
        <source>Where the request came from</source>
        <translation>Where the request came from</translation>
    </message>
    <message>
        <source>&amp;Received on</source>
        <translation>&amp;Received on</translation>
    </message>
    <message>
        <source>Date the request arrived</source>
        <translation>Date the request arrived</translation>
    </message>
    <message>
        <source>Partner &amp;municipality</source>
        <translation>Partner &amp;municipality</translation>
    </message>
    <message>
        <source>Partner municipality that sent the request</source>
        <translation>Partner municipality that sent the request</translation>
    </message>
    <message>
        <source>Partner&apos;s &amp;case number</source>
        <translation>Partner&apos;s &amp;case number</translation>
    </message>
    <message>
        <source>Case number of the partner municipality</source>
        <translation>Case number of the partner municipality</translation>
    </message>
    <message>
        <source>Assi&amp;gnee</source>
        <translation>Assi&amp;gnee</translation>
    </message>
    <message>
        <source>Clerk who handles the request</source>
        <translation>Clerk who handles the request</translation>
    </message>
    <message>
        <source>&amp;Deadline</source>
        <translation>&amp;Deadline</translation>
    </message>
    <message>
        <source>Deadline, if not the legal one</source>
        <translation>Deadline, if not the legal one</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>e.g. %1</translation>
    </message>
    <message>
        <source>legal deadline: %1</source>
        <translation>legal deadline: %1</translation>
    </message>
    <message>
        <source>Registered today, %1. Without a deadline of its own the legal one applies: %2.</source>
        <translation>Registered today, %1. Without a deadline of its own the legal one applies: %2.</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Register</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) need attention; see the messages next to them.</source>
        <translation>
            <numerusform>%n field needs attention; see the message next to it.</numerusform>
            <numerusform>%n fields need attention; see the messages next to them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestDetailPane</name>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Identity document</source>
        <translation>Identity document</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Person sought</source>
        <translation>Person sought</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>Other names</source>
        <translation>Other names</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Certificate languages</source>
        <translation>Certificate languages</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>Came</translation>
    </message>
    <message>
        <source>Partner and case</source>
        <translation>Partner and case</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Extension notice</source>
        <translation>Extension notice</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation>Change &amp;status…</translation>
    </message>
    <message>
        <source>Assi&amp;gn…</source>
        <translation>Assi&amp;gn…</translation>
    </message>
    <message>
        <source>E&amp;xtend deadline…</source>
        <translation>E&amp;xtend deadline…</translation>
    </message>
    <message>
        <source>Search the &amp;archive</source>
        <translation>Search the &amp;archive</translation>
    </message>
    <message>
        <source>Search the archive for the person sought and collect records</source>
        <translation>Search the archive for the person sought and collect records</translation>
    </message>
    <message>
        <source>&amp;Remove from request</source>
        <translation>&amp;Remove from request</translation>
    </message>
    <message>
        <source>Records collected for the certificate</source>
        <translation>Records collected for the certificate</translation>
    </message>
    <message>
        <source>History of the request</source>
        <translation>History of the request</translation>
    </message>
    <message>
        <source>Select a request to see its details and history.</source>
        <translation>Select a request to see its details and history.</translation>
    </message>
    <message>
        <source>&amp;Request</source>
        <translation>&amp;Request</translation>
    </message>
    <message numerus="yes">
        <source>Recor&amp;ds (%n)</source>
        <translation>
            <numerusform>Recor&amp;ds (%n)</numerusform>
            <numerusform>Recor&amp;ds (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;History (%n)</source>
        <translation>
            <numerusform>&amp;History (%n)</numerusform>
            <numerusform>&amp;History (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>extended from %1</source>
        <translation>extended from %1</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nobody</translation>
    </message>
    <message>
        <source>No records collected yet. Search the archive and add records.</source>
        <translation>No records collected yet. Search the archive and add records.</translation>
    </message>
    <message>
        <source>These records will be cited in the certificate.</source>
        <translation>These records will be cited in the certificate.</translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation>reason: %1</translation>
    </message>
    <message>
        <source>to: %1</source>
        <translation>to: %1</translation>
    </message>
    <message>
        <source>new deadline %1</source>
        <translation>new deadline %1</translation>
    </message>
    <message>
        <source>notice: %1</source>
        <translation>notice: %1</translation>
    </message>
</context>
<context>
    <name>RequestLabels</name>
    <message>
        <source>Employment</source>
        <translation>Employment</translation>
    </message>
    <message>
        <source>Salary</source>
        <translation>Salary</translation>
    </message>
    <message>
        <source>Civil status</source>
        <translation>Civil status</translation>
    </message>
    <message>
        <source>Residence</source>
        <translation>Residence</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation>At the counter</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>By post</translation>
    </message>
    <message>
        <source>By e-mail</source>
        <translation>By e-mail</translation>
    </message>
    <message>
        <source>From a partner municipality</source>
        <translation>From a partner municipality</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>In search</source>
        <translation>In search</translation>
    </message>
    <message>
        <source>Certificate prepared</source>
        <translation>Certificate prepared</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Estonian</source>
        <translation>Estonian</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Russian</translation>
    </message>
    <message>
        <source>Latvian</source>
        <translation>Latvian</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>This field is required.</translation>
    </message>
    <message>
        <source>This is not a date. Write it as the example shows.</source>
        <translation>This is not a date. Write it as the example shows.</translation>
    </message>
    <message>
        <source>This date is in the future.</source>
        <translation>This date is in the future.</translation>
    </message>
    <message>
        <source>The request cannot arrive after its registration (today).</source>
        <translation>The request cannot arrive after its registration (today).</translation>
    </message>
    <message>
        <source>The deadline cannot be before the registration date (today).</source>
        <translation>The deadline cannot be before the registration date (today).</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>The period ends before it starts.</translation>
    </message>
    <message>
        <source>Enter a year between 1800 and this year.</source>
        <translation>Enter a year between 1800 and this year.</translation>
    </message>
    <message>
        <source>Choose a language from the list.</source>
        <translation>Choose a language from the list.</translation>
    </message>
    <message>
        <source>Give a postal address, a phone number or an e-mail address.</source>
        <translation>Give a postal address, a phone number or an e-mail address.</translation>
    </message>
    <message>
        <source>This is not an e-mail address.</source>
        <translation>This is not an e-mail address.</translation>
    </message>
    <message>
        <source>This text is too long.</source>
        <translation>This text is too long.</translation>
    </message>
    <message>
        <source>Enter a four-digit year.</source>
        <translation>Enter a four-digit year.</translation>
    </message>
    <message>
        <source>Write a year, a month and year, or a full date.</source>
        <translation>Write a year, a month and year, or a full date.</translation>
    </message>
    <message>
        <source>This status cannot follow the current one.</source>
        <translation>This status cannot follow the current one.</translation>
    </message>
    <message>
        <source>Give the reason; the applicant is told it.</source>
        <translation>Give the reason; the applicant is told it.</translation>
    </message>
    <message>
        <source>Name the archive or office it goes to.</source>
        <translation>Name the archive or office it goes to.</translation>
    </message>
    <message>
        <source>The request is closed.</source>
        <translation>The request is closed.</translation>
    </message>
    <message>
        <source>The deadline was already extended once.</source>
        <translation>The deadline was already extended once.</translation>
    </message>
    <message>
        <source>Extend by at least one day.</source>
        <translation>Extend by at least one day.</translation>
    </message>
    <message>
        <source>The law does not allow so long an extension.</source>
        <translation>The law does not allow so long an extension.</translation>
    </message>
    <message>
        <source>Write the notice sent to the applicant.</source>
        <translation>Write the notice sent to the applicant.</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Status changed</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Deadline extended</source>
        <translation>Deadline extended</translation>
    </message>
    <message>
        <source>Records added</source>
        <translation>Records added</translation>
    </message>
    <message>
        <source>Records removed</source>
        <translation>Records removed</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Edited</translation>
    </message>
</context>
<context>
    <name>RequestPickerDialog</name>
    <message>
        <source>Add to request</source>
        <translation>Add to request</translation>
    </message>
    <message numerus="yes">
        <source>Add %n record(s) to which request?</source>
        <translation>
            <numerusform>Add %n record to which request?</numerusform>
            <numerusform>Add %n records to which request?</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by number, applicant or person</source>
        <translation>Filter by number, applicant or person</translation>
    </message>
    <message>
        <source>Filter requests</source>
        <translation>Filter requests</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Open requests</translation>
    </message>
    <message>
        <source>There is no open request. Register one first (Ctrl+N).</source>
        <translation>There is no open request. Register one first (Ctrl+N).</translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message numerus="yes">
        <source>overdue by %n day(s)</source>
        <translation>
            <numerusform>overdue by %n day</numerusform>
            <numerusform>overdue by %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>due today</source>
        <translation>due today</translation>
    </message>
    <message numerus="yes">
        <source>in %n working day(s)</source>
        <translation>
            <numerusform>in %n working day</numerusform>
            <numerusform>in %n working days</numerusform>
        </translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Person sought</source>
        <translation>Person sought</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>Requests</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>&amp;New request…</source>
        <translation>&amp;New request…</translation>
    </message>
    <message>
        <source>Register a new request (%1)</source>
        <translation>Register a new request (%1)</translation>
    </message>
    <message>
        <source>Fin&amp;d</source>
        <translation>Fin&amp;d</translation>
    </message>
    <message>
        <source>Number, applicant, person or partner&apos;s case</source>
        <translation>Number, applicant, person or partner&apos;s case</translation>
    </message>
    <message>
        <source>Find requests</source>
        <translation>Find requests</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>Sho&amp;w</translation>
    </message>
    <message>
        <source>Which requests to show</source>
        <translation>Which requests to show</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Open requests</translation>
    </message>
    <message>
        <source>Overdue requests</source>
        <translation>Overdue requests</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>All requests</translation>
    </message>
    <message>
        <source>Anyone&apos;s</source>
        <translation>Anyone&apos;s</translation>
    </message>
    <message>
        <source>Assigned to me</source>
        <translation>Assigned to me</translation>
    </message>
    <message>
        <source>Whose requests to show</source>
        <translation>Whose requests to show</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due soon</source>
        <translation>
            <numerusform>%n due soon</numerusform>
            <numerusform>%n due soon</numerusform>
        </translation>
    </message>
    <message>
        <source>The request no longer exists.</source>
        <translation>The request no longer exists.</translation>
    </message>
    <message>
        <source>Someone else changed the request meanwhile; it was reloaded.</source>
        <translation>Someone else changed the request meanwhile; it was reloaded.</translation>
    </message>
    <message>
        <source>The register could not be read or written. Try again.</source>
        <translation>The register could not be read or written. Try again.</translation>
    </message>
    <message>
        <source>Request %1 registered.</source>
        <translation>Request %1 registered.</translation>
    </message>
    <message>
        <source>The request could not be registered. Try again.</source>
        <translation>The request could not be registered. Try again.</translation>
    </message>
    <message>
        <source>Status of %1: %2.</source>
        <translation>Status of %1: %2.</translation>
    </message>
    <message>
        <source>Request %1 assigned.</source>
        <translation>Request %1 assigned.</translation>
    </message>
    <message>
        <source>Deadline of %1 extended.</source>
        <translation>Deadline of %1 extended.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) added to the request.</source>
        <translation>
            <numerusform>%n record added to the request.</numerusform>
            <numerusform>%n records added to the request.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some records are no longer in the archive.</source>
        <translation>Some records are no longer in the archive.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) removed from the request.</source>
        <translation>
            <numerusform>%n record removed from the request.</numerusform>
            <numerusform>%n records removed from the request.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Script</name>
    <message>
        <source>Cyrillic</source>
        <translation>Cyrillic</translation>
    </message>
    <message>
        <source>Latin</source>
        <translation>Latin</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Not available in this version yet.</source>
        <translation>Not available in this version yet.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>No office server is configured.</source>
        <translation>No office server is configured.</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>The office server answers.</source>
        <translation>The office server answers.</translation>
    </message>
    <message>
        <source>The office server does not answer; work continues locally.</source>
        <translation>The office server does not answer; work continues locally.</translation>
    </message>
    <message>
        <source>Card reader: —</source>
        <translation>Card reader: —</translation>
    </message>
    <message>
        <source>Card reader: no service</source>
        <translation>Card reader: no service</translation>
    </message>
    <message>
        <source>The smart-card service (pcscd) is not running.</source>
        <translation>The smart-card service (pcscd) is not running.</translation>
    </message>
    <message>
        <source>Card reader: none</source>
        <translation>Card reader: none</translation>
    </message>
    <message>
        <source>No card reader is connected.</source>
        <translation>No card reader is connected.</translation>
    </message>
    <message>
        <source>Only a test reader is connected; it is used in test mode only.</source>
        <translation>Only a test reader is connected; it is used in test mode only.</translation>
    </message>
    <message>
        <source>Card reader: no card</source>
        <translation>Card reader: no card</translation>
    </message>
    <message>
        <source>Card reader: card inserted</source>
        <translation>Card reader: card inserted</translation>
    </message>
    <message>
        <source>Outgoing: —</source>
        <translation>Outgoing: —</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting to be sent</source>
        <translation>
            <numerusform>%n message waiting to be sent</numerusform>
            <numerusform>%n messages waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation>Last sync: never</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Last sync: %1</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change the status</source>
        <translation>Change the status</translation>
    </message>
    <message>
        <source>Request %1 is now: %2.</source>
        <translation>Request %1 is now: %2.</translation>
    </message>
    <message>
        <source>&amp;New status</source>
        <translation>&amp;New status</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>&amp;Forwarded to</source>
        <translation>&amp;Forwarded to</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>New status</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>Reason for the change</translation>
    </message>
    <message>
        <source>Archive or office the request goes to</source>
        <translation>Archive or office the request goes to</translation>
    </message>
    <message>
        <source>The request is closed.</source>
        <translation>The request is closed.</translation>
    </message>
    <message>
        <source>required</source>
        <translation>required</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Sync is not available yet</source>
        <translation>Sync is not available yet</translation>
    </message>
    <message>
        <source>This workstation works on its own local database. Syncing it with the office server, and settling conflicts, comes in a later version.</source>
        <translation>This workstation works on its own local database. Syncing it with the office server, and settling conflicts, comes in a later version.</translation>
    </message>
</context>
</TS>
