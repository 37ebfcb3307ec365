<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="et_EE">
<context>
    <name>ArchivePage</name>
    <message>
        <source>Archive</source>
        <translation>Arhiiv</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Otsi</translation>
    </message>
    <message>
        <source>Name in any script or spelling, e.g. Ivanov Pjotr 1931</source>
        <translation>Nimi mis tahes kirjas või kirjapildis, nt Ivanov Pjotr 1931</translation>
    </message>
    <message>
        <source>Search the archive by name</source>
        <translation>Otsi arhiivist nime järgi</translation>
    </message>
    <message>
        <source>Records found</source>
        <translation>Leitud kirjed</translation>
    </message>
    <message>
        <source>Collecting records for request</source>
        <translation>Kirjed kogutakse päringule</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Valmis</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Otsin…</translation>
    </message>
    <message>
        <source>Correct the filters to search.</source>
        <translation>Otsimiseks paranda filtrid.</translation>
    </message>
    <message>
        <source>The search failed. Try again; if it fails again, tell IT support.</source>
        <translation>Otsing ebaõnnestus. Proovi uuesti; kui see jälle ei õnnestu, teata IT-toele.</translation>
    </message>
    <message>
        <source>No records found. Try fewer words or other filters.</source>
        <translation>Kirjeid ei leitud. Proovi vähemate sõnade või teiste filtritega.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) found.</source>
        <translation>
            <numerusform>Leiti %n kirje.</numerusform>
            <numerusform>Leiti %n kirjet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Looser spelling match used: check the names.</source>
        <translation>Kasutati leebemat kirjapildi võrdlust: kontrolli nimesid.</translation>
    </message>
    <message>
        <source>Type a name to search the archive.</source>
        <translation>Arhiivist otsimiseks kirjuta nimi.</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign the request</source>
        <translation>Määra päringu täitja</translation>
    </message>
    <message>
        <source>Who handles request %1? Leave empty for nobody.</source>
        <translation>Kes täidab päringu %1? Jäta tühjaks, kui mitte keegi.</translation>
    </message>
    <message>
        <source>&amp;Assignee</source>
        <translation>&amp;Täitja</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Täitja</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <source>Certificates</source>
        <translation>Teatised</translation>
    </message>
    <message>
        <source>Certificates are not available yet</source>
        <translation>Teatised pole veel saadaval</translation>
    </message>
    <message>
        <source>Preparing archival certificates as PDF/A and signing them with the ID card comes in a later version. The records you collect for a request are kept with the request and will be used for its certificate.</source>
        <translation>Arhiiviteatiste koostamine PDF/A-vormingus ja nende allkirjastamine ID-kaardiga tuleb hilisemas versioonis. Päringule kogutud kirjed hoitakse päringu juures ja neid kasutatakse selle teatise jaoks.</translation>
    </message>
</context>
<context>
    <name>ClerkApp</name>
    <message>
        <source>The archive cannot be opened</source>
        <translation>Arhiivi ei saa avada</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Midagi läks valesti: %1</translation>
    </message>
    <message>
        <source>The archive database is encrypted and needs a passphrase, and none was given.</source>
        <translation>Arhiivi andmebaas on krüpteeritud ja vajab paroolifraasi, kuid seda ei antud.</translation>
    </message>
    <message>
        <source>The passphrase is not right.</source>
        <translation>Paroolifraas pole õige.</translation>
    </message>
    <message>
        <source>The passphrase is too short.</source>
        <translation>Paroolifraas on liiga lühike.</translation>
    </message>
    <message>
        <source>The database key is missing from this computer&apos;s key store. Ask IT support to restore it.</source>
        <translation>Andmebaasi võti puudub selle arvuti võtmehoidlast. Palu IT-toel see taastada.</translation>
    </message>
    <message>
        <source>This computer&apos;s key store does not answer. Ask IT support.</source>
        <translation>Selle arvuti võtmehoidla ei vasta. Pöördu IT-toe poole.</translation>
    </message>
    <message>
        <source>The database does not open with its key. Ask IT support.</source>
        <translation>Andmebaas ei avane oma võtmega. Pöördu IT-toe poole.</translation>
    </message>
    <message>
        <source>The database&apos;s key file is damaged. Ask IT support.</source>
        <translation>Andmebaasi võtmefail on rikutud. Pöördu IT-toe poole.</translation>
    </message>
    <message>
        <source>The database could not be opened (%1).</source>
        <translation>Andmebaasi ei õnnestunud avada (%1).</translation>
    </message>
</context>
<context>
    <name>DemoOffer</name>
    <message>
        <source>Empty archive</source>
        <translation>Tühi arhiiv</translation>
    </message>
    <message>
        <source>The archive has no records yet.</source>
        <translation>Arhiivis pole veel ühtegi kirjet.</translation>
    </message>
    <message>
        <source>Fill it with a demo archive to try Clerk? The demo holds invented persons of Narva, Sillamäe, Kohtla-Järve, Ivangorod and Daugavpils.</source>
        <translation>Kas täita see Clerki proovimiseks näidisarhiiviga? Näidises on väljamõeldud isikud Narvast, Sillamäelt, Kohtla-Järvelt, Ivangorodist ja Daugavpilsist.</translation>
    </message>
    <message>
        <source>Filling the demo archive…</source>
        <translation>Näidisarhiivi täitmine…</translation>
    </message>
    <message numerus="yes">
        <source>Filling the demo archive: %n record(s)…</source>
        <translation>
            <numerusform>Näidisarhiivi täitmine: %n kirje…</numerusform>
            <numerusform>Näidisarhiivi täitmine: %n kirjet…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The demo archive is ready: %n record(s).</source>
        <translation>
            <numerusform>Näidisarhiiv on valmis: %n kirje.</numerusform>
            <numerusform>Näidisarhiiv on valmis: %n kirjet.</numerusform>
        </translation>
    </message>
    <message>
        <source>The demo archive could not be filled.</source>
        <translation>Näidisarhiivi ei õnnestunud täita.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Name</source>
        <translation>Nimi</translation>
    </message>
    <message>
        <source>Maiden name</source>
        <translation>Neiupõlvenimi</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Sugu</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Sündinud</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Kirje</translation>
    </message>
    <message>
        <source>Record number</source>
        <translation>Kirje number</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Ettevõte</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Ametikoht</translation>
    </message>
    <message>
        <source>Hired</source>
        <translation>Tööle võetud</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>Vallandatud</translation>
    </message>
    <message>
        <source>Event date</source>
        <translation>Sündmuse kuupäev</translation>
    </message>
    <message>
        <source>Event place</source>
        <translation>Sündmuse koht</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>Abikaasa</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Aadress</translation>
    </message>
    <message>
        <source>Resided</source>
        <translation>Elas</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periood</translation>
    </message>
    <message>
        <source>Written in</source>
        <translation>Kirjutatud</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Märkus</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Arhiiv</translation>
    </message>
    <message>
        <source>Fonds</source>
        <translation>Fond</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Nimistu</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Säilik</translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation>Lehed</translation>
    </message>
    <message>
        <source>Citation</source>
        <translation>Viide</translation>
    </message>
    <message>
        <source>Archival reference</source>
        <translation>Arhiiviviide</translation>
    </message>
    <message>
        <source>Payroll months</source>
        <translation>Palgakuud</translation>
    </message>
    <message>
        <source>Select a record to see all it holds.</source>
        <translation>Vali kirje, et näha kõike, mis selles on.</translation>
    </message>
    <message>
        <source>&amp;Add to request…</source>
        <translation>&amp;Lisa päringule…</translation>
    </message>
    <message>
        <source>Collect this record for a request&apos;s certificate</source>
        <translation>Kogu see kirje päringu teatise jaoks</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>Exchange</source>
        <translation>Vahetus</translation>
    </message>
    <message>
        <source>&amp;Inbox</source>
        <translation>&amp;Sisenevad</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>&amp;Väljuvad</translation>
    </message>
    <message>
        <source>The inbox is not available yet</source>
        <translation>Sisenevad pole veel saadaval</translation>
    </message>
    <message>
        <source>Requests and certificates sent by partner municipalities will appear here in a later version. Until then, register a partner&apos;s request by hand with its case number.</source>
        <translation>Partneromavalitsuste saadetud päringud ja teatised ilmuvad siia hilisemas versioonis. Seni registreeri partneri päring käsitsi koos selle toimiku numbriga.</translation>
    </message>
    <message>
        <source>The outbox is not available yet</source>
        <translation>Väljuvad pole veel saadaval</translation>
    </message>
    <message>
        <source>Signed certificates waiting to be sent to partner municipalities, and their receipts, will appear here in a later version.</source>
        <translation>Partneromavalitsustele saatmist ootavad allkirjastatud teatised ja nende kättesaamiskinnitused ilmuvad siia hilisemas versioonis.</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <source>Extend the deadline</source>
        <translation>Pikenda tähtaega</translation>
    </message>
    <message numerus="yes">
        <source>The deadline of request %1 is %2. It can be extended once, by up to %n day(s), and the applicant must be told.</source>
        <translation>
            <numerusform>Päringu %1 tähtaeg on %2. Seda saab pikendada üks kord kuni %n päeva võrra ja taotlejat tuleb teavitada.</numerusform>
            <numerusform>Päringu %1 tähtaeg on %2. Seda saab pikendada üks kord kuni %n päeva võrra ja taotlejat tuleb teavitada.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Days</source>
        <translation>&amp;Päevi</translation>
    </message>
    <message>
        <source>&amp;Notice to the applicant</source>
        <translation>&amp;Teade taotlejale</translation>
    </message>
    <message>
        <source>Days of extension</source>
        <translation>Pikenduse päevad</translation>
    </message>
    <message>
        <source>Notice to the applicant</source>
        <translation>Teade taotlejale</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>&amp;Born</source>
        <translation>&amp;Sündinud</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Periood</translation>
    </message>
    <message>
        <source>Record &amp;type</source>
        <translation>Kirje &amp;liik</translation>
    </message>
    <message>
        <source>&amp;Enterprise</source>
        <translation>&amp;Ettevõte</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>&amp;Tühjenda filtrid</translation>
    </message>
    <message>
        <source>Born from year</source>
        <translation>Sündinud alates aastast</translation>
    </message>
    <message>
        <source>Born until year</source>
        <translation>Sündinud kuni aastani</translation>
    </message>
    <message>
        <source>Period from year</source>
        <translation>Periood alates aastast</translation>
    </message>
    <message>
        <source>Period until year</source>
        <translation>Periood kuni aastani</translation>
    </message>
    <message>
        <source>from</source>
        <translation>alates</translation>
    </message>
    <message>
        <source>until</source>
        <translation>kuni</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Kirje liik</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Ettevõte</translation>
    </message>
    <message>
        <source>any enterprise</source>
        <translation>mis tahes ettevõte</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Tühjenda filtrid</translation>
    </message>
    <message>
        <source>Any record</source>
        <translation>Kõik kirjed</translation>
    </message>
    <message>
        <source>Civil status (birth, marriage, death)</source>
        <translation>Perekonnaseis (sünd, abielu, surm)</translation>
    </message>
    <message>
        <source>%1: enter a year between %2 and %3.</source>
        <translation>%1: sisesta aasta vahemikus %2–%3.</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Sündinud</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periood</translation>
    </message>
    <message>
        <source>%1: the first year is after the second.</source>
        <translation>%1: esimene aasta on teisest hilisem.</translation>
    </message>
</context>
<context>
    <name>Gender</name>
    <message>
        <source>male</source>
        <translation>mees</translation>
    </message>
    <message>
        <source>female</source>
        <translation>naine</translation>
    </message>
</context>
<context>
    <name>HitsModel</name>
    <message>
        <source>Name</source>
        <translation>Nimi</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Sündinud</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Kirje</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Ettevõte</translation>
    </message>
    <message>
        <source>Archival reference</source>
        <translation>Arhiiviviide</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Sobivus</translation>
    </message>
    <message>
        <source>née %1</source>
        <translation>neiuna %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clerk — archive requests and certificates</source>
        <translation>Clerk — arhiivipäringud ja -teatised</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fail</translation>
    </message>
    <message>
        <source>&amp;New request…</source>
        <translation>&amp;Uus päring…</translation>
    </message>
    <message>
        <source>Fill a &amp;demo archive…</source>
        <translation>Täida &amp;näidisarhiiviga…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Välju</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Mine</translation>
    </message>
    <message>
        <source>&amp;Find in archive</source>
        <translation>&amp;Otsi arhiivist</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Keel</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Abi</translation>
    </message>
    <message>
        <source>&amp;About Clerk</source>
        <translation>Clerki &amp;teave</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>&amp;Qt teave</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Jaotised</translation>
    </message>
    <message>
        <source>About Clerk</source>
        <translation>Clerki teave</translation>
    </message>
    <message>
        <source>Clerk registers archive requests, searches the archive across Cyrillic and Latin spellings and prepares archival certificates.</source>
        <translation>Clerk registreerib arhiivipäringuid, otsib arhiivist nii kirillitsas kui ka ladina kirjas kirjutatud nimesid ja koostab arhiiviteatisi.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Set the database passphrase</source>
        <translation>Andmebaasi paroolifraasi määramine</translation>
    </message>
    <message numerus="yes">
        <source>This computer has no key store for the encrypted archive database. Set a passphrase of at least %n characters. Keep it safe: without it the data cannot be opened.</source>
        <translation>
            <numerusform>Sellel arvutil pole krüpteeritud arhiivi andmebaasi jaoks võtmehoidlat. Määra vähemalt %n märgi pikkune paroolifraas. Hoia seda hoolega: ilma selleta andmeid avada ei saa.</numerusform>
            <numerusform>Sellel arvutil pole krüpteeritud arhiivi andmebaasi jaoks võtmehoidlat. Määra vähemalt %n märgi pikkune paroolifraas. Hoia seda hoolega: ilma selleta andmeid avada ei saa.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the archive database</source>
        <translation>Arhiivi andmebaasi avamine</translation>
    </message>
    <message>
        <source>The archive database is encrypted. Enter its passphrase.</source>
        <translation>Arhiivi andmebaas on krüpteeritud. Sisesta selle paroolifraas.</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Paroolifraas</translation>
    </message>
    <message>
        <source>&amp;Repeat</source>
        <translation>&amp;Korda</translation>
    </message>
    <message>
        <source>Database passphrase</source>
        <translation>Andmebaasi paroolifraas</translation>
    </message>
    <message>
        <source>Database passphrase again</source>
        <translation>Andmebaasi paroolifraas uuesti</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>Sisesta paroolifraas.</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters.</source>
        <translation>
            <numerusform>Vähemalt %n märk.</numerusform>
            <numerusform>Vähemalt %n märki.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Kaks paroolifraasi erinevad.</translation>
    </message>
</context>
<context>
    <name>PayrollModel</name>
    <message>
        <source>Month</source>
        <translation>Kuu</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Summa</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuuta</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Leht</translation>
    </message>
</context>
<context>
    <name>RecordType</name>
    <message>
        <source>Personnel card</source>
        <translation>Isikukaart</translation>
    </message>
    <message>
        <source>Payroll account</source>
        <translation>Palgakonto</translation>
    </message>
    <message>
        <source>Birth record</source>
        <translation>Sünnikanne</translation>
    </message>
    <message>
        <source>Marriage record</source>
        <translation>Abielukanne</translation>
    </message>
    <message>
        <source>Death record</source>
        <translation>Surmakanne</translation>
    </message>
    <message>
        <source>Residence record</source>
        <translation>Elukohakanne</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Register a request</source>
        <translation>Päringu registreerimine</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Taotleja</translation>
    </message>
    <message>
        <source>What is asked</source>
        <translation>Mida küsitakse</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Menetlus</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nimi</translation>
    </message>
    <message>
        <source>Applicant&apos;s name (or organisation)</source>
        <translation>Taotleja nimi (või asutus)</translation>
    </message>
    <message>
        <source>Postal &amp;address</source>
        <translation>&amp;Postiaadress</translation>
    </message>
    <message>
        <source>Applicant&apos;s postal address with postcode</source>
        <translation>Taotleja postiaadress koos sihtnumbriga</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Telefon</translation>
    </message>
    <message>
        <source>Applicant&apos;s phone</source>
        <translation>Taotleja telefon</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-post</translation>
    </message>
    <message>
        <source>Applicant&apos;s e-mail address</source>
        <translation>Taotleja e-posti aadress</translation>
    </message>
    <message>
        <source>&amp;Identity document</source>
        <translation>&amp;Isikut tõendav dokument</translation>
    </message>
    <message>
        <source>Identity document type and number</source>
        <translation>Isikut tõendava dokumendi liik ja number</translation>
    </message>
    <message>
        <source>e.g. passport 4510 123456</source>
        <translation>nt pass 4510 123456</translation>
    </message>
    <message>
        <source>&amp;Subject</source>
        <translation>&amp;Teema</translation>
    </message>
    <message>
        <source>&amp;Person sought</source>
        <translation>&amp;Otsitav isik</translation>
    </message>
    <message>
        <source>Name of the person sought</source>
        <translation>Otsitava isiku nimi</translation>
    </message>
    <message>
        <source>&amp;Born</source>
        <translation>&amp;Sündinud</translation>
    </message>
    <message>
        <source>Birth date of the person sought</source>
        <translation>Otsitava isiku sünniaeg</translation>
    </message>
    <message>
        <source>&amp;Other names</source>
        <translation>&amp;Muud nimed</translation>
    </message>
    <message>
        <source>Maiden names and other spellings</source>
        <translation>Neiupõlvenimed ja muud kirjapildid</translation>
    </message>
    <message>
        <source>Pe&amp;riod</source>
        <translation>Pe&amp;riood</translation>
    </message>
    <message>
        <source>Period from year</source>
        <translation>Periood alates aastast</translation>
    </message>
    <message>
        <source>Certificate &amp;language</source>
        <translation>Teatise &amp;keel</translation>
    </message>
    <message>
        <source>Certificate language</source>
        <translation>Teatise keel</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>Ü&amp;ksikasjad</translation>
    </message>
    <message>
        <source>Details of the request</source>
        <translation>Päringu üksikasjad</translation>
    </message>
    <message>
        <source>Period until year</source>
        <translation>Periood kuni aastani</translation>
    </message>
    <message>
        <source>from</source>
        <translation>alates</translation>
    </message>
    <message>
        <source>until</source>
        <translation>kuni</translation>
    </message>
    <message>
        <source>Second certificate language</source>
        <translation>Teatise teine keel</translation>
    </message>
    <message>
        <source>e.g. %1, %2 or %3</source>
        <translation>nt %1, %2 või %3</translation>
    </message>
    <message>
        <source>no second language</source>
        <translation>teist keelt pole</translation>
    </message>
    <message>
        <source>&amp;Came</source>
        <translation>&amp;Saabus</translation>
    </message>
    <message>
        <source>Where the request came from</source>
        <translation>Kust päring saabus</translation>
    </message>
    <message>
        <source>&amp;Received on</source>
        <translation>Saabumise &amp;kuupäev</translation>
    </message>
    <message>
        <source>Date the request arrived</source>
        <translation>Päringu saabumise kuupäev</translation>
    </message>
    <message>
        <source>Partner &amp;municipality</source>
        <translation>&amp;Partneromavalitsus</translation>
    </message>
    <message>
        <source>Partner municipality that sent the request</source>
        <translation>Päringu saatnud partneromavalitsus</translation>
    </message>
    <message>
        <source>Partner&apos;s &amp;case number</source>
        <translation>Partneri &amp;toimiku number</translation>
    </message>
    <message>
        <source>Case number of the partner municipality</source>
        <translation>Partneromavalitsuse toimiku number</translation>
    </message>
    <message>
        <source>Assi&amp;gnee</source>
        <translation>&amp;Täitja</translation>
    </message>
    <message>
        <source>Clerk who handles the request</source>
        <translation>Päringut täitev ametnik</translation>
    </message>
    <message>
        <source>&amp;Deadline</source>
        <translation>T&amp;ähtaeg</translation>
    </message>
    <message>
        <source>Deadline, if not the legal one</source>
        <translation>Tähtaeg, kui see pole seadusjärgne</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>nt %1</translation>
    </message>
    <message>
        <source>legal deadline: %1</source>
        <translation>seadusjärgne tähtaeg: %1</translation>
    </message>
    <message>
        <source>Registered today, %1. Without a deadline of its own the legal one applies: %2.</source>
        <translation>Registreeritakse täna, %1. Kui oma tähtaega pole, kehtib seadusjärgne: %2.</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Registreeri</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) need attention; see the messages next to them.</source>
        <translation>
            <numerusform>%n väli vajab tähelepanu, vaata teateid välja juures.</numerusform>
            <numerusform>%n välja vajavad tähelepanu, vaata teateid väljade juures.</numerusform>
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
        <translation>Olek</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Tähtaeg</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Täitja</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Taotleja</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Identity document</source>
        <translation>Isikut tõendav dokument</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Teema</translation>
    </message>
    <message>
        <source>Person sought</source>
        <translation>Otsitav isik</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Sündinud</translation>
    </message>
    <message>
        <source>Other names</source>
        <translation>Muud nimed</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periood</translation>
    </message>
    <message>
        <source>Certificate languages</source>
        <translation>Teatise keeled</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>Saabus</translation>
    </message>
    <message>
        <source>Partner and case</source>
        <translation>Partner ja toimik</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>Saabumise kuupäev</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Üksikasjad</translation>
    </message>
    <message>
        <source>Extension notice</source>
        <translation>Pikendamise teade</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Põhjus</translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation>Muuda &amp;olekut…</translation>
    </message>
    <message>
        <source>Assi&amp;gn…</source>
        <translation>Määra &amp;täitja…</translation>
    </message>
    <message>
        <source>E&amp;xtend deadline…</source>
        <translation>&amp;Pikenda tähtaega…</translation>
    </message>
    <message>
        <source>Search the &amp;archive</source>
        <translation>Otsi &amp;arhiivist</translation>
    </message>
    <message>
        <source>Search the archive for the person sought and collect records</source>
        <translation>Otsi arhiivist otsitavat isikut ja kogu kirjeid</translation>
    </message>
    <message>
        <source>&amp;Remove from request</source>
        <translation>&amp;Eemalda päringust</translation>
    </message>
    <message>
        <source>Records collected for the certificate</source>
        <translation>Teatise jaoks kogutud kirjed</translation>
    </message>
    <message>
        <source>History of the request</source>
        <translation>Päringu ajalugu</translation>
    </message>
    <message>
        <source>Select a request to see its details and history.</source>
        <translation>Vali päring, et näha selle üksikasju ja ajalugu.</translation>
    </message>
    <message>
        <source>&amp;Request</source>
        <translation>&amp;Päring</translation>
    </message>
    <message numerus="yes">
        <source>Recor&amp;ds (%n)</source>
        <translation>
            <numerusform>&amp;Kirjed (%n)</numerusform>
            <numerusform>&amp;Kirjed (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;History (%n)</source>
        <translation>
            <numerusform>&amp;Ajalugu (%n)</numerusform>
            <numerusform>&amp;Ajalugu (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>extended from %1</source>
        <translation>pikendatud, algne %1</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>määramata</translation>
    </message>
    <message>
        <source>No records collected yet. Search the archive and add records.</source>
        <translation>Kirjeid pole veel kogutud. Otsi arhiivist ja lisa kirjeid.</translation>
    </message>
    <message>
        <source>These records will be cited in the certificate.</source>
        <translation>Neile kirjetele viidatakse teatises.</translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation>põhjus: %1</translation>
    </message>
    <message>
        <source>to: %1</source>
        <translation>kuhu: %1</translation>
    </message>
    <message>
        <source>new deadline %1</source>
        <translation>uus tähtaeg %1</translation>
    </message>
    <message>
        <source>notice: %1</source>
        <translation>teade: %1</translation>
    </message>
</context>
<context>
    <name>RequestLabels</name>
    <message>
        <source>Employment</source>
        <translation>Tööstaaž</translation>
    </message>
    <message>
        <source>Salary</source>
        <translation>Töötasu</translation>
    </message>
    <message>
        <source>Civil status</source>
        <translation>Perekonnaseis</translation>
    </message>
    <message>
        <source>Residence</source>
        <translation>Elukoht</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Muu</translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation>Kohapeal</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>Posti teel</translation>
    </message>
    <message>
        <source>By e-mail</source>
        <translation>E-postiga</translation>
    </message>
    <message>
        <source>From a partner municipality</source>
        <translation>Partneromavalitsuselt</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registreeritud</translation>
    </message>
    <message>
        <source>In search</source>
        <translation>Otsimisel</translation>
    </message>
    <message>
        <source>Certificate prepared</source>
        <translation>Teatis koostatud</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Allkirjastatud</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Saadetud</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Kätte toimetatud</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Keeldutud</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Edastatud</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>Tähtaja piires</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Tähtaeg läheneb</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Tähtaeg ületatud</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Lõpetatud</translation>
    </message>
    <message>
        <source>Estonian</source>
        <translation>eesti</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>vene</translation>
    </message>
    <message>
        <source>Latvian</source>
        <translation>läti</translation>
    </message>
    <message>
        <source>English</source>
        <translation>inglise</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>See väli on kohustuslik.</translation>
    </message>
    <message>
        <source>This is not a date. Write it as the example shows.</source>
        <translation>See pole kuupäev. Kirjuta see nagu näites.</translation>
    </message>
    <message>
        <source>This date is in the future.</source>
        <translation>See kuupäev on tulevikus.</translation>
    </message>
    <message>
        <source>The request cannot arrive after its registration (today).</source>
        <translation>Päring ei saa saabuda pärast registreerimist (täna).</translation>
    </message>
    <message>
        <source>The deadline cannot be before the registration date (today).</source>
        <translation>Tähtaeg ei saa olla enne registreerimise kuupäeva (täna).</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Periood lõpeb enne, kui algab.</translation>
    </message>
    <message>
        <source>Enter a year between 1800 and this year.</source>
        <translation>Sisesta aasta vahemikus 1800 kuni käesolev aasta.</translation>
    </message>
    <message>
        <source>Choose a language from the list.</source>
        <translation>Vali keel loendist.</translation>
    </message>
    <message>
        <source>Give a postal address, a phone number or an e-mail address.</source>
        <translation>Sisesta postiaadress, telefoninumber või e-posti aadress.</translation>
    </message>
    <message>
        <source>This is not an e-mail address.</source>
        <translation>See pole e-posti aadress.</translation>
    </message>
    <message>
        <source>This text is too long.</source>
        <translation>See tekst on liiga pikk.</translation>
    </message>
    <message>
        <source>Enter a four-digit year.</source>
        <translation>Sisesta neljakohaline aastaarv.</translation>
    </message>
    <message>
        <source>Write a year, a month and year, or a full date.</source>
        <translation>Kirjuta aasta, kuu ja aasta või täielik kuupäev.</translation>
    </message>
    <message>
        <source>This status cannot follow the current one.</source>
        <translation>See olek ei saa järgneda praegusele.</translation>
    </message>
    <message>
        <source>Give the reason; the applicant is told it.</source>
        <translation>Sisesta põhjus; see tehakse taotlejale teatavaks.</translation>
    </message>
    <message>
        <source>Name the archive or office it goes to.</source>
        <translation>Nimeta arhiiv või asutus, kuhu see edastatakse.</translation>
    </message>
    <message>
        <source>The request is closed.</source>
        <translation>Päring on lõpetatud.</translation>
    </message>
    <message>
        <source>The deadline was already extended once.</source>
        <translation>Tähtaega on juba üks kord pikendatud.</translation>
    </message>
    <message>
        <source>Extend by at least one day.</source>
        <translation>Pikenda vähemalt ühe päeva võrra.</translation>
    </message>
    <message>
        <source>The law does not allow so long an extension.</source>
        <translation>Seadus ei luba nii pikka pikendust.</translation>
    </message>
    <message>
        <source>Write the notice sent to the applicant.</source>
        <translation>Kirjuta taotlejale saadetav teade.</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Olek muudetud</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Täitja määratud</translation>
    </message>
    <message>
        <source>Deadline extended</source>
        <translation>Tähtaega pikendatud</translation>
    </message>
    <message>
        <source>Records added</source>
        <translation>Kirjed lisatud</translation>
    </message>
    <message>
        <source>Records removed</source>
        <translation>Kirjed eemaldatud</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Muudetud</translation>
    </message>
</context>
<context>
    <name>RequestPickerDialog</name>
    <message>
        <source>Add to request</source>
        <translation>Lisa päringule</translation>
    </message>
    <message numerus="yes">
        <source>Add %n record(s) to which request?</source>
        <translation>
            <numerusform>Millisele päringule lisada %n kirje?</numerusform>
            <numerusform>Millisele päringule lisada %n kirjet?</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by number, applicant or person</source>
        <translation>Filtreeri numbri, taotleja või isiku järgi</translation>
    </message>
    <message>
        <source>Filter requests</source>
        <translation>Filtreeri päringuid</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Pooleli päringud</translation>
    </message>
    <message>
        <source>There is no open request. Register one first (Ctrl+N).</source>
        <translation>Pooleli päringuid pole. Registreeri esmalt päring (Ctrl+N).</translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message numerus="yes">
        <source>overdue by %n day(s)</source>
        <translation>
            <numerusform>%n päev üle tähtaja</numerusform>
            <numerusform>%n päeva üle tähtaja</numerusform>
        </translation>
    </message>
    <message>
        <source>due today</source>
        <translation>tähtaeg täna</translation>
    </message>
    <message numerus="yes">
        <source>in %n working day(s)</source>
        <translation>
            <numerusform>%n tööpäeva pärast</numerusform>
            <numerusform>%n tööpäeva pärast</numerusform>
        </translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registreeritud</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Taotleja</translation>
    </message>
    <message>
        <source>Person sought</source>
        <translation>Otsitav isik</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Teema</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Olek</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Tähtaeg</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Aega jäänud</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Täitja</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>Requests</source>
        <translation>Päringud</translation>
    </message>
    <message>
        <source>&amp;New request…</source>
        <translation>&amp;Uus päring…</translation>
    </message>
    <message>
        <source>Register a new request (%1)</source>
        <translation>Registreeri uus päring (%1)</translation>
    </message>
    <message>
        <source>Fin&amp;d</source>
        <translation>&amp;Leia</translation>
    </message>
    <message>
        <source>Number, applicant, person or partner&apos;s case</source>
        <translation>Number, taotleja, isik või partneri toimik</translation>
    </message>
    <message>
        <source>Find requests</source>
        <translation>Leia päringuid</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>&amp;Näita</translation>
    </message>
    <message>
        <source>Which requests to show</source>
        <translation>Milliseid päringuid näidata</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Pooleli päringud</translation>
    </message>
    <message>
        <source>Overdue requests</source>
        <translation>Tähtaja ületanud päringud</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>Kõik päringud</translation>
    </message>
    <message>
        <source>Anyone&apos;s</source>
        <translation>Kõigi omad</translation>
    </message>
    <message>
        <source>Assigned to me</source>
        <translation>Minu täita</translation>
    </message>
    <message>
        <source>Whose requests to show</source>
        <translation>Kelle päringuid näidata</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n päring</numerusform>
            <numerusform>%n päringut</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>üle tähtaja: %n</numerusform>
            <numerusform>üle tähtaja: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due soon</source>
        <translation>
            <numerusform>tähtaeg läheneb: %n</numerusform>
            <numerusform>tähtaeg läheneb: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>The request no longer exists.</source>
        <translation>Päringut pole enam olemas.</translation>
    </message>
    <message>
        <source>Someone else changed the request meanwhile; it was reloaded.</source>
        <translation>Keegi teine muutis vahepeal päringut; see laaditi uuesti.</translation>
    </message>
    <message>
        <source>The register could not be read or written. Try again.</source>
        <translation>Registrit ei õnnestunud lugeda ega kirjutada. Proovi uuesti.</translation>
    </message>
    <message>
        <source>Request %1 registered.</source>
        <translation>Päring %1 registreeritud.</translation>
    </message>
    <message>
        <source>The request could not be registered. Try again.</source>
        <translation>Päringut ei õnnestunud registreerida. Proovi uuesti.</translation>
    </message>
    <message>
        <source>Status of %1: %2.</source>
        <translation>Päringu %1 olek: %2.</translation>
    </message>
    <message>
        <source>Request %1 assigned.</source>
        <translation>Päringule %1 määrati täitja.</translation>
    </message>
    <message>
        <source>Deadline of %1 extended.</source>
        <translation>Päringu %1 tähtaega pikendati.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) added to the request.</source>
        <translation>
            <numerusform>Päringule lisati %n kirje.</numerusform>
            <numerusform>Päringule lisati %n kirjet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some records are no longer in the archive.</source>
        <translation>Mõnda kirjet pole enam arhiivis.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) removed from the request.</source>
        <translation>
            <numerusform>Päringust eemaldati %n kirje.</numerusform>
            <numerusform>Päringust eemaldati %n kirjet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Script</name>
    <message>
        <source>Cyrillic</source>
        <translation>kirillitsas</translation>
    </message>
    <message>
        <source>Latin</source>
        <translation>ladina kirjas</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Not available in this version yet.</source>
        <translation>Selles versioonis pole veel saadaval.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Töötan…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Võrguta</translation>
    </message>
    <message>
        <source>No office server is configured.</source>
        <translation>Asutuse server pole seadistatud.</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Võrgus</translation>
    </message>
    <message>
        <source>The office server answers.</source>
        <translation>Asutuse server vastab.</translation>
    </message>
    <message>
        <source>The office server does not answer; work continues locally.</source>
        <translation>Asutuse server ei vasta; töö jätkub kohapeal.</translation>
    </message>
    <message>
        <source>Card reader: —</source>
        <translation>Kaardilugeja: —</translation>
    </message>
    <message>
        <source>Card reader: no service</source>
        <translation>Kaardilugeja: teenus puudub</translation>
    </message>
    <message>
        <source>The smart-card service (pcscd) is not running.</source>
        <translation>Kiipkaarditeenus (pcscd) ei tööta.</translation>
    </message>
    <message>
        <source>Card reader: none</source>
        <translation>Kaardilugeja: puudub</translation>
    </message>
    <message>
        <source>No card reader is connected.</source>
        <translation>Ühtegi kaardilugejat pole ühendatud.</translation>
    </message>
    <message>
        <source>Only a test reader is connected; it is used in test mode only.</source>
        <translation>Ühendatud on ainult testlugeja; seda kasutatakse ainult testrežiimis.</translation>
    </message>
    <message>
        <source>Card reader: no card</source>
        <translation>Kaardilugeja: kaarti pole</translation>
    </message>
    <message>
        <source>Card reader: card inserted</source>
        <translation>Kaardilugeja: kaart sees</translation>
    </message>
    <message>
        <source>Outgoing: —</source>
        <translation>Väljuvad: —</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting to be sent</source>
        <translation>
            <numerusform>%n sõnum ootab saatmist</numerusform>
            <numerusform>%n sõnumit ootab saatmist</numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation>Viimane sünkroonimine: mitte kunagi</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Viimane sünkroonimine: %1</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change the status</source>
        <translation>Olekut muuta</translation>
    </message>
    <message>
        <source>Request %1 is now: %2.</source>
        <translation>Päringu %1 praegune olek: %2.</translation>
    </message>
    <message>
        <source>&amp;New status</source>
        <translation>&amp;Uus olek</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Põhjus</translation>
    </message>
    <message>
        <source>&amp;Forwarded to</source>
        <translation>&amp;Kuhu edastatud</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>Uus olek</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>Muutmise põhjus</translation>
    </message>
    <message>
        <source>Archive or office the request goes to</source>
        <translation>Arhiiv või asutus, kuhu päring edastatakse</translation>
    </message>
    <message>
        <source>The request is closed.</source>
        <translation>Päring on lõpetatud.</translation>
    </message>
    <message>
        <source>required</source>
        <translation>kohustuslik</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>vabatahtlik</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>Sünkroonimine</translation>
    </message>
    <message>
        <source>Sync is not available yet</source>
        <translation>Sünkroonimine pole veel saadaval</translation>
    </message>
    <message>
        <source>This workstation works on its own local database. Syncing it with the office server, and settling conflicts, comes in a later version.</source>
        <translation>See tööjaam töötab oma kohaliku andmebaasiga. Sünkroonimine asutuse serveriga ja konfliktide lahendamine tulevad hilisemas versioonis.</translation>
    </message>
</context>
</TS>
