<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="lv_LV">
<context>
    <name>ArchivePage</name>
    <message>
        <source>Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name in any script or spelling, e.g. Ivanov Pjotr 1931</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the archive by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collecting records for request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the filters to search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed. Try again; if it fails again, tell IT support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No records found. Try fewer words or other filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Looser spelling match used: check the names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name to search the archive.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who handles request %1? Leave empty for nobody.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <source>Certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates are not available yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing archival certificates as PDF/A and signing them with the ID card comes in a later version. The records you collect for a request are kept with the request and will be used for its certificate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClerkApp</name>
    <message>
        <source>The archive cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoOffer</name>
    <message>
        <source>Empty archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive has no records yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill it with a demo archive to try Clerk? The demo holds invented persons of Narva, Sillamäe, Kohtla-Järve, Ivangorod and Daugavpils.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filling the demo archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Filling the demo archive: %n record(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The demo archive is ready: %n record(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The demo archive could not be filled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maiden name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fonds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Citation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archival reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payroll months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a record to see all it holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add to request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect this record for a request&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>Exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inbox is not available yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests and certificates sent by partner municipalities will appear here in a later version. Until then, register a partner&apos;s request by hand with its case number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outbox is not available yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed certificates waiting to be sent to partner municipalities, and their receipts, will appear here in a later version.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <source>Extend the deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The deadline of request %1 is %2. It can be extended once, by up to %n day(s), and the applicant must be told.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notice to the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days of extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice to the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> day(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>&amp;Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record &amp;type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enterprise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born from year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born until year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period from year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period until year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any enterprise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Civil status (birth, marriage, death)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: enter a year between %2 and %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the first year is after the second.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gender</name>
    <message>
        <source>male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>female</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HitsModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archival reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>née %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clerk — archive requests and certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill a &amp;demo archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find in archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clerk registers archive requests, searches the archive across Cyrillic and Latin spellings and prepares archival certificates.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordType</name>
    <message>
        <source>Personnel card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payroll account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marriage record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Death record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residence record</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Register a request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant&apos;s name (or organisation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postal &amp;address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant&apos;s postal address with postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant&apos;s phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant&apos;s e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Identity document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity document type and number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. passport 4510 123456</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Person sought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the person sought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth date of the person sought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Other names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maiden names and other spellings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pe&amp;riod</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period from year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate &amp;language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details of the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period until year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Second certificate language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. %1, %2 or %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no second language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Came</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the request came from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Received on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date the request arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner &amp;municipality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner municipality that sent the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner&apos;s &amp;case number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case number of the partner municipality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assi&amp;gnee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clerk who handles the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline, if not the legal one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>legal deadline: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered today, %1. Without a deadline of its own the legal one applies: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) need attention; see the messages next to them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestDetailPane</name>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person sought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Came</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner and case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extension notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assi&amp;gn…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xtend deadline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the &amp;archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the archive for the person sought and collect records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove from request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records collected for the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a request to see its details and history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Recor&amp;ds (%n)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;History (%n)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>extended from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No records collected yet. Search the archive and add records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These records will be cited in the certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new deadline %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notice: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestLabels</name>
    <message>
        <source>Employment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Civil status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From a partner municipality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate prepared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estonian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Russian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latvian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a date. Write it as the example shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This date is in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request cannot arrive after its registration (today).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deadline cannot be before the registration date (today).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a year between 1800 and this year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a language from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a postal address, a phone number or an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This text is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a four-digit year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a year, a month and year, or a full date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This status cannot follow the current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the reason; the applicant is told it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the archive or office it goes to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deadline was already extended once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend by at least one day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The law does not allow so long an extension.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the notice sent to the applicant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline extended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestPickerDialog</name>
    <message>
        <source>Add to request</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Add %n record(s) to which request?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by number, applicant or person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no open request. Register one first (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message numerus="yes">
        <source>overdue by %n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>in %n working day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person sought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a new request (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fin&amp;d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number, applicant, person or partner&apos;s case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which requests to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose requests to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due soon</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The request no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed the request meanwhile; it was reloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The register could not be read or written. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request could not be registered. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status of %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 assigned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline of %1 extended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) added to the request.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Some records are no longer in the archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) removed from the request.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Script</name>
    <message>
        <source>Cyrillic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latin</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Not available in this version yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No office server is configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The office server answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The office server does not answer; work continues locally.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card reader: —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card reader: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing: —</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting to be sent</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change the status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 is now: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forwarded to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive or office the request goes to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync is not available yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workstation works on its own local database. Syncing it with the office server, and settling conflicts, comes in a later version.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
