<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="lv_LV">
<context>
    <name>ArchivePage</name>
    <message>
        <source>Archive</source>
        <translation>Arhīvs</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Meklēt</translation>
    </message>
    <message>
        <source>Name in any script or spelling, e.g. Ivanov Pjotr 1931</source>
        <translation>Vārds jebkurā rakstībā, piem., Ivanovs Pjotrs 1931</translation>
    </message>
    <message>
        <source>Search the archive by name</source>
        <translation>Meklēt arhīvā pēc vārda</translation>
    </message>
    <message>
        <source>Records found</source>
        <translation>Atrastie ieraksti</translation>
    </message>
    <message>
        <source>Collecting records for request</source>
        <translation>Ieraksti tiek vākti pieprasījumam</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Gatavs</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Meklē…</translation>
    </message>
    <message>
        <source>Correct the filters to search.</source>
        <translation>Lai meklētu, izlabojiet filtrus.</translation>
    </message>
    <message>
        <source>The search failed. Try again; if it fails again, tell IT support.</source>
        <translation>Meklēšana neizdevās. Mēģiniet vēlreiz; ja atkal neizdodas, ziņojiet IT atbalstam.</translation>
    </message>
    <message>
        <source>No records found. Try fewer words or other filters.</source>
        <translation>Ieraksti nav atrasti. Mēģiniet ar mazāk vārdiem vai citiem filtriem.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) found.</source>
        <translation>
            <numerusform>Atrasts %n ieraksts.</numerusform>
            <numerusform>Atrasti %n ieraksti.</numerusform>
            <numerusform>Atrasts %n ierakstu.</numerusform>
        </translation>
    </message>
    <message>
        <source>Looser spelling match used: check the names.</source>
        <translation>Izmantota brīvāka rakstības salīdzināšana: pārbaudiet vārdus.</translation>
    </message>
    <message>
        <source>Type a name to search the archive.</source>
        <translation>Ierakstiet vārdu, lai meklētu arhīvā.</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign the request</source>
        <translation>Norīkot pieprasījuma izpildītāju</translation>
    </message>
    <message>
        <source>Who handles request %1? Leave empty for nobody.</source>
        <translation>Kas izpilda pieprasījumu %1? Atstājiet tukšu, ja neviens.</translation>
    </message>
    <message>
        <source>&amp;Assignee</source>
        <translation>&amp;Izpildītājs</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Izpildītājs</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <source>Certificates</source>
        <translation>Izziņas</translation>
    </message>
    <message>
        <source>Certificates are not available yet</source>
        <translation>Izziņas vēl nav pieejamas</translation>
    </message>
    <message>
        <source>Preparing archival certificates as PDF/A and signing them with the ID card comes in a later version. The records you collect for a request are kept with the request and will be used for its certificate.</source>
        <translation>Arhīva izziņu sagatavošana PDF/A formātā un parakstīšana ar eID karti būs pieejama vēlākā versijā. Pieprasījumam savāktie ieraksti tiek glabāti pie pieprasījuma un tiks izmantoti tā izziņai.</translation>
    </message>
</context>
<context>
    <name>ClerkApp</name>
    <message>
        <source>The archive cannot be opened</source>
        <translation>Arhīvu nevar atvērt</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Kaut kas nogāja greizi: %1</translation>
    </message>
    <message>
        <source>The archive database is encrypted and needs a passphrase, and none was given.</source>
        <translation>Arhīva datubāze ir šifrēta, un tai vajadzīga paroles frāze, bet tā netika ievadīta.</translation>
    </message>
    <message>
        <source>The passphrase is not right.</source>
        <translation>Paroles frāze nav pareiza.</translation>
    </message>
    <message>
        <source>The passphrase is too short.</source>
        <translation>Paroles frāze ir pārāk īsa.</translation>
    </message>
    <message>
        <source>The database key is missing from this computer&apos;s key store. Ask IT support to restore it.</source>
        <translation>Datubāzes atslēgas nav šī datora atslēgu glabātuvē. Lūdziet IT atbalstu to atjaunot.</translation>
    </message>
    <message>
        <source>This computer&apos;s key store does not answer. Ask IT support.</source>
        <translation>Šī datora atslēgu glabātuve neatbild. Vērsieties IT atbalstā.</translation>
    </message>
    <message>
        <source>The database does not open with its key. Ask IT support.</source>
        <translation>Datubāze neatveras ar savu atslēgu. Vērsieties IT atbalstā.</translation>
    </message>
    <message>
        <source>The database&apos;s key file is damaged. Ask IT support.</source>
        <translation>Datubāzes atslēgas fails ir bojāts. Vērsieties IT atbalstā.</translation>
    </message>
    <message>
        <source>The database could not be opened (%1).</source>
        <translation>Datubāzi neizdevās atvērt (%1).</translation>
    </message>
</context>
<context>
    <name>DemoOffer</name>
    <message>
        <source>Empty archive</source>
        <translation>Tukšs arhīvs</translation>
    </message>
    <message>
        <source>The archive has no records yet.</source>
        <translation>Arhīvā vēl nav neviena ieraksta.</translation>
    </message>
    <message>
        <source>Fill it with a demo archive to try Clerk? The demo holds invented persons of Narva, Sillamäe, Kohtla-Järve, Ivangorod and Daugavpils.</source>
        <translation>Vai aizpildīt to ar demonstrācijas arhīvu, lai izmēģinātu Clerk? Tajā ir izdomātas personas no Narvas, Sillamē, Kohtla-Jerves, Ivangorodas un Daugavpils.</translation>
    </message>
    <message>
        <source>Filling the demo archive…</source>
        <translation>Aizpilda demonstrācijas arhīvu…</translation>
    </message>
    <message numerus="yes">
        <source>Filling the demo archive: %n record(s)…</source>
        <translation>
            <numerusform>Aizpilda demonstrācijas arhīvu: %n ieraksts…</numerusform>
            <numerusform>Aizpilda demonstrācijas arhīvu: %n ieraksti…</numerusform>
            <numerusform>Aizpilda demonstrācijas arhīvu: %n ierakstu…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The demo archive is ready: %n record(s).</source>
        <translation>
            <numerusform>Demonstrācijas arhīvs ir gatavs: %n ieraksts.</numerusform>
            <numerusform>Demonstrācijas arhīvs ir gatavs: %n ieraksti.</numerusform>
            <numerusform>Demonstrācijas arhīvs ir gatavs: %n ierakstu.</numerusform>
        </translation>
    </message>
    <message>
        <source>The demo archive could not be filled.</source>
        <translation>Demonstrācijas arhīvu neizdevās aizpildīt.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Name</source>
        <translation>Vārds</translation>
    </message>
    <message>
        <source>Maiden name</source>
        <translation>Pirmslaulības uzvārds</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Dzimums</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Dzimis</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Ieraksts</translation>
    </message>
    <message>
        <source>Record number</source>
        <translation>Ieraksta numurs</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Uzņēmums</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Amats</translation>
    </message>
    <message>
        <source>Hired</source>
        <translation>Pieņemts darbā</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>Atbrīvots</translation>
    </message>
    <message>
        <source>Event date</source>
        <translation>Notikuma datums</translation>
    </message>
    <message>
        <source>Event place</source>
        <translation>Notikuma vieta</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>Laulātais</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adrese</translation>
    </message>
    <message>
        <source>Resided</source>
        <translation>Dzīvoja</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periods</translation>
    </message>
    <message>
        <source>Written in</source>
        <translation>Rakstība</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Piezīme</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Arhīvs</translation>
    </message>
    <message>
        <source>Fonds</source>
        <translation>Fonds</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Apraksts</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Lieta</translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation>Lapas</translation>
    </message>
    <message>
        <source>Citation</source>
        <translation>Atsauce</translation>
    </message>
    <message>
        <source>Archival reference</source>
        <translation>Arhīva atsauce</translation>
    </message>
    <message>
        <source>Payroll months</source>
        <translation>Algas mēneši</translation>
    </message>
    <message>
        <source>Select a record to see all it holds.</source>
        <translation>Izvēlieties ierakstu, lai redzētu visu tā saturu.</translation>
    </message>
    <message>
        <source>&amp;Add to request…</source>
        <translation>&amp;Pievienot pieprasījumam…</translation>
    </message>
    <message>
        <source>Collect this record for a request&apos;s certificate</source>
        <translation>Savākt šo ierakstu pieprasījuma izziņai</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>Exchange</source>
        <translation>Apmaiņa</translation>
    </message>
    <message>
        <source>&amp;Inbox</source>
        <translation>&amp;Ienākošie</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>&amp;Izejošie</translation>
    </message>
    <message>
        <source>The inbox is not available yet</source>
        <translation>Ienākošie vēl nav pieejami</translation>
    </message>
    <message>
        <source>Requests and certificates sent by partner municipalities will appear here in a later version. Until then, register a partner&apos;s request by hand with its case number.</source>
        <translation>Partnerpašvaldību sūtītie pieprasījumi un izziņas šeit parādīsies vēlākā versijā. Līdz tam reģistrējiet partnera pieprasījumu manuāli ar tā lietas numuru.</translation>
    </message>
    <message>
        <source>The outbox is not available yet</source>
        <translation>Izejošie vēl nav pieejami</translation>
    </message>
    <message>
        <source>Signed certificates waiting to be sent to partner municipalities, and their receipts, will appear here in a later version.</source>
        <translation>Parakstītās izziņas, kas gaida nosūtīšanu partnerpašvaldībām, un to saņemšanas apliecinājumi šeit parādīsies vēlākā versijā.</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <source>Extend the deadline</source>
        <translation>Pagarināt termiņu</translation>
    </message>
    <message numerus="yes">
        <source>The deadline of request %1 is %2. It can be extended once, by up to %n day(s), and the applicant must be told.</source>
        <translation>
            <numerusform>Pieprasījuma %1 termiņš ir %2. To var pagarināt vienu reizi, ne vairāk kā par %n dienu, un iesniedzējs ir jāinformē.</numerusform>
            <numerusform>Pieprasījuma %1 termiņš ir %2. To var pagarināt vienu reizi, ne vairāk kā par %n dienām, un iesniedzējs ir jāinformē.</numerusform>
            <numerusform>Pieprasījuma %1 termiņš ir %2. To var pagarināt vienu reizi, ne vairāk kā par %n dienām, un iesniedzējs ir jāinformē.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Days</source>
        <translation>&amp;Dienas</translation>
    </message>
    <message>
        <source>&amp;Notice to the applicant</source>
        <translation>&amp;Paziņojums iesniedzējam</translation>
    </message>
    <message>
        <source>Days of extension</source>
        <translation>Pagarinājuma dienas</translation>
    </message>
    <message>
        <source>Notice to the applicant</source>
        <translation>Paziņojums iesniedzējam</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>&amp;Born</source>
        <translation>&amp;Dzimis</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Periods</translation>
    </message>
    <message>
        <source>Record &amp;type</source>
        <translation>Ieraksta &amp;veids</translation>
    </message>
    <message>
        <source>&amp;Enterprise</source>
        <translation>&amp;Uzņēmums</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>&amp;Notīrīt filtrus</translation>
    </message>
    <message>
        <source>Born from year</source>
        <translation>Dzimis no gada</translation>
    </message>
    <message>
        <source>Born until year</source>
        <translation>Dzimis līdz gadam</translation>
    </message>
    <message>
        <source>Period from year</source>
        <translation>Periods no gada</translation>
    </message>
    <message>
        <source>Period until year</source>
        <translation>Periods līdz gadam</translation>
    </message>
    <message>
        <source>from</source>
        <translation>no</translation>
    </message>
    <message>
        <source>until</source>
        <translation>līdz</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Ieraksta veids</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Uzņēmums</translation>
    </message>
    <message>
        <source>any enterprise</source>
        <translation>jebkurš uzņēmums</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Notīrīt filtrus</translation>
    </message>
    <message>
        <source>Any record</source>
        <translation>Jebkurš ieraksts</translation>
    </message>
    <message>
        <source>Civil status (birth, marriage, death)</source>
        <translation>Civilstāvoklis (dzimšana, laulība, miršana)</translation>
    </message>
    <message>
        <source>%1: enter a year between %2 and %3.</source>
        <translation>%1: ievadiet gadu no %2 līdz %3.</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Dzimis</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periods</translation>
    </message>
    <message>
        <source>%1: the first year is after the second.</source>
        <translation>%1: pirmais gads ir vēlāks par otro.</translation>
    </message>
</context>
<context>
    <name>Gender</name>
    <message>
        <source>male</source>
        <translation>vīrietis</translation>
    </message>
    <message>
        <source>female</source>
        <translation>sieviete</translation>
    </message>
</context>
<context>
    <name>HitsModel</name>
    <message>
        <source>Name</source>
        <translation>Vārds</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Dzimis</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Ieraksts</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Uzņēmums</translation>
    </message>
    <message>
        <source>Archival reference</source>
        <translation>Arhīva atsauce</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Atbilstība</translation>
    </message>
    <message>
        <source>née %1</source>
        <translation>dz. %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clerk — archive requests and certificates</source>
        <translation>Clerk — arhīva pieprasījumi un izziņas</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fails</translation>
    </message>
    <message>
        <source>&amp;New request…</source>
        <translation>&amp;Jauns pieprasījums…</translation>
    </message>
    <message>
        <source>Fill a &amp;demo archive…</source>
        <translation>Aizpildīt ar &amp;demonstrācijas arhīvu…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Iziet</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Pāriet</translation>
    </message>
    <message>
        <source>&amp;Find in archive</source>
        <translation>&amp;Meklēt arhīvā</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Valoda</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Palīdzība</translation>
    </message>
    <message>
        <source>&amp;About Clerk</source>
        <translation>&amp;Par Clerk</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Par &amp;Qt</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Sadaļas</translation>
    </message>
    <message>
        <source>About Clerk</source>
        <translation>Par Clerk</translation>
    </message>
    <message>
        <source>Clerk registers archive requests, searches the archive across Cyrillic and Latin spellings and prepares archival certificates.</source>
        <translation>Clerk reģistrē arhīva pieprasījumus, meklē arhīvā vārdus kirilicā un latīņu rakstībā un sagatavo arhīva izziņas.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Set the database passphrase</source>
        <translation>Datubāzes paroles frāzes iestatīšana</translation>
    </message>
    <message numerus="yes">
        <source>This computer has no key store for the encrypted archive database. Set a passphrase of at least %n characters. Keep it safe: without it the data cannot be opened.</source>
        <translation>
            <numerusform>Šim datoram nav atslēgu glabātuves šifrētajai arhīva datubāzei. Iestatiet paroles frāzi, kas nav īsāka par %n rakstzīmi. Glabājiet to droši: bez tās datus nevar atvērt.</numerusform>
            <numerusform>Šim datoram nav atslēgu glabātuves šifrētajai arhīva datubāzei. Iestatiet paroles frāzi, kas nav īsāka par %n rakstzīmēm. Glabājiet to droši: bez tās datus nevar atvērt.</numerusform>
            <numerusform>Šim datoram nav atslēgu glabātuves šifrētajai arhīva datubāzei. Iestatiet paroles frāzi, kas nav īsāka par %n rakstzīmēm. Glabājiet to droši: bez tās datus nevar atvērt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the archive database</source>
        <translation>Arhīva datubāzes atvēršana</translation>
    </message>
    <message>
        <source>The archive database is encrypted. Enter its passphrase.</source>
        <translation>Arhīva datubāze ir šifrēta. Ievadiet tās paroles frāzi.</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Paroles frāze</translation>
    </message>
    <message>
        <source>&amp;Repeat</source>
        <translation>&amp;Atkārtot</translation>
    </message>
    <message>
        <source>Database passphrase</source>
        <translation>Datubāzes paroles frāze</translation>
    </message>
    <message>
        <source>Database passphrase again</source>
        <translation>Datubāzes paroles frāze vēlreiz</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>Ievadiet paroles frāzi.</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters.</source>
        <translation>
            <numerusform>Vismaz %n rakstzīme.</numerusform>
            <numerusform>Vismaz %n rakstzīmes.</numerusform>
            <numerusform>Vismaz %n rakstzīmju.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Abas paroles frāzes atšķiras.</translation>
    </message>
</context>
<context>
    <name>PayrollModel</name>
    <message>
        <source>Month</source>
        <translation>Mēnesis</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Summa</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valūta</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Lapa</translation>
    </message>
</context>
<context>
    <name>RecordType</name>
    <message>
        <source>Personnel card</source>
        <translation>Personāla kartīte</translation>
    </message>
    <message>
        <source>Payroll account</source>
        <translation>Algas konts</translation>
    </message>
    <message>
        <source>Birth record</source>
        <translation>Dzimšanas ieraksts</translation>
    </message>
    <message>
        <source>Marriage record</source>
        <translation>Laulības ieraksts</translation>
    </message>
    <message>
        <source>Death record</source>
        <translation>Miršanas ieraksts</translation>
    </message>
    <message>
        <source>Residence record</source>
        <translation>Dzīvesvietas ieraksts</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Register a request</source>
        <translation>Pieprasījuma reģistrēšana</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Iesniedzējs</translation>
    </message>
    <message>
        <source>What is asked</source>
        <translation>Kas tiek pieprasīts</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Izskatīšana</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Vārds</translation>
    </message>
    <message>
        <source>Applicant&apos;s name (or organisation)</source>
        <translation>Iesniedzēja vārds (vai organizācija)</translation>
    </message>
    <message>
        <source>Postal &amp;address</source>
        <translation>Pasta &amp;adrese</translation>
    </message>
    <message>
        <source>Applicant&apos;s postal address with postcode</source>
        <translation>Iesniedzēja pasta adrese ar pasta indeksu</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Tālrunis</translation>
    </message>
    <message>
        <source>Applicant&apos;s phone</source>
        <translation>Iesniedzēja tālrunis</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-pasts</translation>
    </message>
    <message>
        <source>Applicant&apos;s e-mail address</source>
        <translation>Iesniedzēja e-pasta adrese</translation>
    </message>
    <message>
        <source>&amp;Identity document</source>
        <translation>&amp;Personu apliecinošs dokuments</translation>
    </message>
    <message>
        <source>Identity document type and number</source>
        <translation>Personu apliecinoša dokumenta veids un numurs</translation>
    </message>
    <message>
        <source>e.g. passport 4510 123456</source>
        <translation>piem., pase 4510 123456</translation>
    </message>
    <message>
        <source>&amp;Subject</source>
        <translation>&amp;Temats</translation>
    </message>
    <message>
        <source>&amp;Person sought</source>
        <translation>&amp;Meklētā persona</translation>
    </message>
    <message>
        <source>Name of the person sought</source>
        <translation>Meklētās personas vārds</translation>
    </message>
    <message>
        <source>&amp;Born</source>
        <translation>&amp;Dzimis</translation>
    </message>
    <message>
        <source>Birth date of the person sought</source>
        <translation>Meklētās personas dzimšanas datums</translation>
    </message>
    <message>
        <source>&amp;Other names</source>
        <translation>&amp;Citi vārdi</translation>
    </message>
    <message>
        <source>Maiden names and other spellings</source>
        <translation>Pirmslaulības uzvārdi un citas rakstības</translation>
    </message>
    <message>
        <source>Pe&amp;riod</source>
        <translation>Pe&amp;riods</translation>
    </message>
    <message>
        <source>Period from year</source>
        <translation>Periods no gada</translation>
    </message>
    <message>
        <source>Certificate &amp;language</source>
        <translation>Izziņas &amp;valoda</translation>
    </message>
    <message>
        <source>Certificate language</source>
        <translation>Izziņas valoda</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Sīkāk</translation>
    </message>
    <message>
        <source>Details of the request</source>
        <translation>Pieprasījuma sīkāka informācija</translation>
    </message>
    <message>
        <source>Period until year</source>
        <translation>Periods līdz gadam</translation>
    </message>
    <message>
        <source>from</source>
        <translation>no</translation>
    </message>
    <message>
        <source>until</source>
        <translation>līdz</translation>
    </message>
    <message>
        <source>Second certificate language</source>
        <translation>Izziņas otrā valoda</translation>
    </message>
    <message>
        <source>e.g. %1, %2 or %3</source>
        <translation>piem., %1, %2 vai %3</translation>
    </message>
    <message>
        <source>no second language</source>
        <translation>bez otrās valodas</translation>
    </message>
    <message>
        <source>&amp;Came</source>
        <translation>&amp;Saņemts</translation>
    </message>
    <message>
        <source>Where the request came from</source>
        <translation>No kurienes saņemts pieprasījums</translation>
    </message>
    <message>
        <source>&amp;Received on</source>
        <translation>Saņemšanas d&amp;atums</translation>
    </message>
    <message>
        <source>Date the request arrived</source>
        <translation>Pieprasījuma saņemšanas datums</translation>
    </message>
    <message>
        <source>Partner &amp;municipality</source>
        <translation>&amp;Partnerpašvaldība</translation>
    </message>
    <message>
        <source>Partner municipality that sent the request</source>
        <translation>Partnerpašvaldība, kas nosūtīja pieprasījumu</translation>
    </message>
    <message>
        <source>Partner&apos;s &amp;case number</source>
        <translation>Partnera &amp;lietas numurs</translation>
    </message>
    <message>
        <source>Case number of the partner municipality</source>
        <translation>Partnerpašvaldības lietas numurs</translation>
    </message>
    <message>
        <source>Assi&amp;gnee</source>
        <translation>&amp;Izpildītājs</translation>
    </message>
    <message>
        <source>Clerk who handles the request</source>
        <translation>Darbinieks, kas izpilda pieprasījumu</translation>
    </message>
    <message>
        <source>&amp;Deadline</source>
        <translation>&amp;Termiņš</translation>
    </message>
    <message>
        <source>Deadline, if not the legal one</source>
        <translation>Termiņš, ja tas nav likumā noteiktais</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>piem., %1</translation>
    </message>
    <message>
        <source>legal deadline: %1</source>
        <translation>likumā noteiktais termiņš: %1</translation>
    </message>
    <message>
        <source>Registered today, %1. Without a deadline of its own the legal one applies: %2.</source>
        <translation>Tiek reģistrēts šodien, %1. Ja savs termiņš nav norādīts, piemēro likumā noteikto: %2.</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Reģistrēt</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) need attention; see the messages next to them.</source>
        <translation>
            <numerusform>%n laukam jāpievērš uzmanība; skatiet ziņojumus pie tā.</numerusform>
            <numerusform>%n laukiem jāpievērš uzmanība; skatiet ziņojumus pie tiem.</numerusform>
            <numerusform>%n laukiem jāpievērš uzmanība; skatiet ziņojumus pie tiem.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestDetailPane</name>
    <message>
        <source>Number</source>
        <translation>Numurs</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statuss</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Termiņš</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Izpildītājs</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Iesniedzējs</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakti</translation>
    </message>
    <message>
        <source>Identity document</source>
        <translation>Personu apliecinošs dokuments</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temats</translation>
    </message>
    <message>
        <source>Person sought</source>
        <translation>Meklētā persona</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Dzimis</translation>
    </message>
    <message>
        <source>Other names</source>
        <translation>Citi vārdi</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periods</translation>
    </message>
    <message>
        <source>Certificate languages</source>
        <translation>Izziņas valodas</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>Saņemts</translation>
    </message>
    <message>
        <source>Partner and case</source>
        <translation>Partneris un lieta</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>Saņemšanas datums</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Sīkāk</translation>
    </message>
    <message>
        <source>Extension notice</source>
        <translation>Paziņojums par pagarinājumu</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Iemesls</translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation>Mainīt &amp;statusu…</translation>
    </message>
    <message>
        <source>Assi&amp;gn…</source>
        <translation>&amp;Norīkot…</translation>
    </message>
    <message>
        <source>E&amp;xtend deadline…</source>
        <translation>&amp;Pagarināt termiņu…</translation>
    </message>
    <message>
        <source>Search the &amp;archive</source>
        <translation>Meklēt &amp;arhīvā</translation>
    </message>
    <message>
        <source>Search the archive for the person sought and collect records</source>
        <translation>Meklēt arhīvā meklēto personu un vākt ierakstus</translation>
    </message>
    <message>
        <source>&amp;Remove from request</source>
        <translation>&amp;Noņemt no pieprasījuma</translation>
    </message>
    <message>
        <source>Records collected for the certificate</source>
        <translation>Izziņai savāktie ieraksti</translation>
    </message>
    <message>
        <source>History of the request</source>
        <translation>Pieprasījuma vēsture</translation>
    </message>
    <message>
        <source>Select a request to see its details and history.</source>
        <translation>Izvēlieties pieprasījumu, lai redzētu tā informāciju un vēsturi.</translation>
    </message>
    <message>
        <source>&amp;Request</source>
        <translation>&amp;Pieprasījums</translation>
    </message>
    <message numerus="yes">
        <source>Recor&amp;ds (%n)</source>
        <translation>
            <numerusform>&amp;Ieraksti (%n)</numerusform>
            <numerusform>&amp;Ieraksti (%n)</numerusform>
            <numerusform>&amp;Ieraksti (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;History (%n)</source>
        <translation>
            <numerusform>&amp;Vēsture (%n)</numerusform>
            <numerusform>&amp;Vēsture (%n)</numerusform>
            <numerusform>&amp;Vēsture (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>extended from %1</source>
        <translation>pagarināts, sākotnēji %1</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nav norīkots</translation>
    </message>
    <message>
        <source>No records collected yet. Search the archive and add records.</source>
        <translation>Ieraksti vēl nav savākti. Meklējiet arhīvā un pievienojiet ierakstus.</translation>
    </message>
    <message>
        <source>These records will be cited in the certificate.</source>
        <translation>Uz šiem ierakstiem atsauksies izziņā.</translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation>iemesls: %1</translation>
    </message>
    <message>
        <source>to: %1</source>
        <translation>uz: %1</translation>
    </message>
    <message>
        <source>new deadline %1</source>
        <translation>jaunais termiņš %1</translation>
    </message>
    <message>
        <source>notice: %1</source>
        <translation>paziņojums: %1</translation>
    </message>
</context>
<context>
    <name>RequestLabels</name>
    <message>
        <source>Employment</source>
        <translation>Darba stāžs</translation>
    </message>
    <message>
        <source>Salary</source>
        <translation>Darba samaksa</translation>
    </message>
    <message>
        <source>Civil status</source>
        <translation>Civilstāvoklis</translation>
    </message>
    <message>
        <source>Residence</source>
        <translation>Dzīvesvieta</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Cits</translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation>Klātienē</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>Pa pastu</translation>
    </message>
    <message>
        <source>By e-mail</source>
        <translation>Pa e-pastu</translation>
    </message>
    <message>
        <source>From a partner municipality</source>
        <translation>No partnerpašvaldības</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Reģistrēts</translation>
    </message>
    <message>
        <source>In search</source>
        <translation>Meklēšanā</translation>
    </message>
    <message>
        <source>Certificate prepared</source>
        <translation>Izziņa sagatavota</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Parakstīts</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Nosūtīts</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Piegādāts</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Atteikts</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Pārsūtīts</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>Termiņā</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Termiņš tuvojas</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Termiņš nokavēts</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Slēgts</translation>
    </message>
    <message>
        <source>Estonian</source>
        <translation>igauņu</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>krievu</translation>
    </message>
    <message>
        <source>Latvian</source>
        <translation>latviešu</translation>
    </message>
    <message>
        <source>English</source>
        <translation>angļu</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>Šis lauks ir obligāts.</translation>
    </message>
    <message>
        <source>This is not a date. Write it as the example shows.</source>
        <translation>Tas nav datums. Rakstiet to kā paraugā.</translation>
    </message>
    <message>
        <source>This date is in the future.</source>
        <translation>Šis datums ir nākotnē.</translation>
    </message>
    <message>
        <source>The request cannot arrive after its registration (today).</source>
        <translation>Pieprasījums nevar tikt saņemts pēc tā reģistrēšanas (šodien).</translation>
    </message>
    <message>
        <source>The deadline cannot be before the registration date (today).</source>
        <translation>Termiņš nevar būt pirms reģistrēšanas datuma (šodien).</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Periods beidzas, pirms sākas.</translation>
    </message>
    <message>
        <source>Enter a year between 1800 and this year.</source>
        <translation>Ievadiet gadu no 1800 līdz šim gadam.</translation>
    </message>
    <message>
        <source>Choose a language from the list.</source>
        <translation>Izvēlieties valodu no saraksta.</translation>
    </message>
    <message>
        <source>Give a postal address, a phone number or an e-mail address.</source>
        <translation>Norādiet pasta adresi, tālruņa numuru vai e-pasta adresi.</translation>
    </message>
    <message>
        <source>This is not an e-mail address.</source>
        <translation>Tā nav e-pasta adrese.</translation>
    </message>
    <message>
        <source>This text is too long.</source>
        <translation>Šis teksts ir pārāk garš.</translation>
    </message>
    <message>
        <source>Enter a four-digit year.</source>
        <translation>Ievadiet gadu ar četriem cipariem.</translation>
    </message>
    <message>
        <source>Write a year, a month and year, or a full date.</source>
        <translation>Rakstiet gadu, mēnesi un gadu vai pilnu datumu.</translation>
    </message>
    <message>
        <source>This status cannot follow the current one.</source>
        <translation>Šis statuss nevar sekot pašreizējam.</translation>
    </message>
    <message>
        <source>Give the reason; the applicant is told it.</source>
        <translation>Norādiet iemeslu; to paziņos iesniedzējam.</translation>
    </message>
    <message>
        <source>Name the archive or office it goes to.</source>
        <translation>Norādiet arhīvu vai iestādi, kurai to pārsūta.</translation>
    </message>
    <message>
        <source>The request is closed.</source>
        <translation>Pieprasījums ir slēgts.</translation>
    </message>
    <message>
        <source>The deadline was already extended once.</source>
        <translation>Termiņš jau vienreiz ir pagarināts.</translation>
    </message>
    <message>
        <source>Extend by at least one day.</source>
        <translation>Pagariniet vismaz par vienu dienu.</translation>
    </message>
    <message>
        <source>The law does not allow so long an extension.</source>
        <translation>Likums neatļauj tik ilgu pagarinājumu.</translation>
    </message>
    <message>
        <source>Write the notice sent to the applicant.</source>
        <translation>Uzrakstiet iesniedzējam nosūtīto paziņojumu.</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Statuss mainīts</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Norīkots izpildītājs</translation>
    </message>
    <message>
        <source>Deadline extended</source>
        <translation>Termiņš pagarināts</translation>
    </message>
    <message>
        <source>Records added</source>
        <translation>Ieraksti pievienoti</translation>
    </message>
    <message>
        <source>Records removed</source>
        <translation>Ieraksti noņemti</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Labots</translation>
    </message>
</context>
<context>
    <name>RequestPickerDialog</name>
    <message>
        <source>Add to request</source>
        <translation>Pievienot pieprasījumam</translation>
    </message>
    <message numerus="yes">
        <source>Add %n record(s) to which request?</source>
        <translation>
            <numerusform>Kuram pieprasījumam pievienot %n ierakstu?</numerusform>
            <numerusform>Kuram pieprasījumam pievienot %n ierakstus?</numerusform>
            <numerusform>Kuram pieprasījumam pievienot %n ierakstu?</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by number, applicant or person</source>
        <translation>Filtrēt pēc numura, iesniedzēja vai personas</translation>
    </message>
    <message>
        <source>Filter requests</source>
        <translation>Filtrēt pieprasījumus</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Atvērtie pieprasījumi</translation>
    </message>
    <message>
        <source>There is no open request. Register one first (Ctrl+N).</source>
        <translation>Atvērtu pieprasījumu nav. Vispirms reģistrējiet pieprasījumu (Ctrl+N).</translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message numerus="yes">
        <source>overdue by %n day(s)</source>
        <translation>
            <numerusform>nokavēts par %n dienu</numerusform>
            <numerusform>nokavēts par %n dienām</numerusform>
            <numerusform>nokavēts par %n dienām</numerusform>
        </translation>
    </message>
    <message>
        <source>due today</source>
        <translation>termiņš šodien</translation>
    </message>
    <message numerus="yes">
        <source>in %n working day(s)</source>
        <translation>
            <numerusform>pēc %n darba dienas</numerusform>
            <numerusform>pēc %n darba dienām</numerusform>
            <numerusform>pēc %n darba dienām</numerusform>
        </translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numurs</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Reģistrēts</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Iesniedzējs</translation>
    </message>
    <message>
        <source>Person sought</source>
        <translation>Meklētā persona</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temats</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statuss</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Termiņš</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Atlicis</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Izpildītājs</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>Requests</source>
        <translation>Pieprasījumi</translation>
    </message>
    <message>
        <source>&amp;New request…</source>
        <translation>&amp;Jauns pieprasījums…</translation>
    </message>
    <message>
        <source>Register a new request (%1)</source>
        <translation>Reģistrēt jaunu pieprasījumu (%1)</translation>
    </message>
    <message>
        <source>Fin&amp;d</source>
        <translation>Mek&amp;lēt</translation>
    </message>
    <message>
        <source>Number, applicant, person or partner&apos;s case</source>
        <translation>Numurs, iesniedzējs, persona vai partnera lieta</translation>
    </message>
    <message>
        <source>Find requests</source>
        <translation>Meklēt pieprasījumus</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>&amp;Rādīt</translation>
    </message>
    <message>
        <source>Which requests to show</source>
        <translation>Kurus pieprasījumus rādīt</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Atvērtie pieprasījumi</translation>
    </message>
    <message>
        <source>Overdue requests</source>
        <translation>Nokavētie pieprasījumi</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>Visi pieprasījumi</translation>
    </message>
    <message>
        <source>Anyone&apos;s</source>
        <translation>Visu izpildītāju</translation>
    </message>
    <message>
        <source>Assigned to me</source>
        <translation>Norīkoti man</translation>
    </message>
    <message>
        <source>Whose requests to show</source>
        <translation>Kuru pieprasījumus rādīt</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n pieprasījums</numerusform>
            <numerusform>%n pieprasījumi</numerusform>
            <numerusform>%n pieprasījumu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>nokavēti: %n</numerusform>
            <numerusform>nokavēti: %n</numerusform>
            <numerusform>nokavēti: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due soon</source>
        <translation>
            <numerusform>termiņš tuvojas: %n</numerusform>
            <numerusform>termiņš tuvojas: %n</numerusform>
            <numerusform>termiņš tuvojas: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>The request no longer exists.</source>
        <translation>Pieprasījums vairs nepastāv.</translation>
    </message>
    <message>
        <source>Someone else changed the request meanwhile; it was reloaded.</source>
        <translation>Kāds cits pa to laiku mainīja pieprasījumu; tas ielādēts no jauna.</translation>
    </message>
    <message>
        <source>The register could not be read or written. Try again.</source>
        <translation>Reģistru neizdevās nolasīt vai ierakstīt. Mēģiniet vēlreiz.</translation>
    </message>
    <message>
        <source>Request %1 registered.</source>
        <translation>Pieprasījums %1 reģistrēts.</translation>
    </message>
    <message>
        <source>The request could not be registered. Try again.</source>
        <translation>Pieprasījumu neizdevās reģistrēt. Mēģiniet vēlreiz.</translation>
    </message>
    <message>
        <source>Status of %1: %2.</source>
        <translation>Pieprasījuma %1 statuss: %2.</translation>
    </message>
    <message>
        <source>Request %1 assigned.</source>
        <translation>Pieprasījumam %1 norīkots izpildītājs.</translation>
    </message>
    <message>
        <source>Deadline of %1 extended.</source>
        <translation>Pieprasījuma %1 termiņš pagarināts.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) added to the request.</source>
        <translation>
            <numerusform>Pieprasījumam pievienots %n ieraksts.</numerusform>
            <numerusform>Pieprasījumam pievienoti %n ieraksti.</numerusform>
            <numerusform>Pieprasījumam pievienots %n ierakstu.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some records are no longer in the archive.</source>
        <translation>Dažu ierakstu arhīvā vairs nav.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) removed from the request.</source>
        <translation>
            <numerusform>No pieprasījuma noņemts %n ieraksts.</numerusform>
            <numerusform>No pieprasījuma noņemti %n ieraksti.</numerusform>
            <numerusform>No pieprasījuma noņemts %n ierakstu.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Script</name>
    <message>
        <source>Cyrillic</source>
        <translation>kirilicā</translation>
    </message>
    <message>
        <source>Latin</source>
        <translation>latīņu rakstībā</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Not available in this version yet.</source>
        <translation>Šajā versijā vēl nav pieejams.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Strādā…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Bezsaistē</translation>
    </message>
    <message>
        <source>No office server is configured.</source>
        <translation>Iestādes serveris nav iestatīts.</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Tiešsaistē</translation>
    </message>
    <message>
        <source>The office server answers.</source>
        <translation>Iestādes serveris atbild.</translation>
    </message>
    <message>
        <source>The office server does not answer; work continues locally.</source>
        <translation>Iestādes serveris neatbild; darbs turpinās lokāli.</translation>
    </message>
    <message>
        <source>Card reader: —</source>
        <translation>Karšu lasītājs: —</translation>
    </message>
    <message>
        <source>Card reader: no service</source>
        <translation>Karšu lasītājs: nav pakalpojuma</translation>
    </message>
    <message>
        <source>The smart-card service (pcscd) is not running.</source>
        <translation>Viedkaršu pakalpojums (pcscd) nedarbojas.</translation>
    </message>
    <message>
        <source>Card reader: none</source>
        <translation>Karšu lasītājs: nav</translation>
    </message>
    <message>
        <source>No card reader is connected.</source>
        <translation>Nav pievienots neviens karšu lasītājs.</translation>
    </message>
    <message>
        <source>Only a test reader is connected; it is used in test mode only.</source>
        <translation>Pievienots tikai testa lasītājs; to izmanto tikai testa režīmā.</translation>
    </message>
    <message>
        <source>Card reader: no card</source>
        <translation>Karšu lasītājs: nav kartes</translation>
    </message>
    <message>
        <source>Card reader: card inserted</source>
        <translation>Karšu lasītājs: karte ievietota</translation>
    </message>
    <message>
        <source>Outgoing: —</source>
        <translation>Izejošie: —</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting to be sent</source>
        <translation>
            <numerusform>%n ziņojums gaida nosūtīšanu</numerusform>
            <numerusform>%n ziņojumi gaida nosūtīšanu</numerusform>
            <numerusform>%n ziņojumu gaida nosūtīšanu</numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation>Pēdējā sinhronizācija: nekad</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Pēdējā sinhronizācija: %1</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change the status</source>
        <translation>Statusa maiņa</translation>
    </message>
    <message>
        <source>Request %1 is now: %2.</source>
        <translation>Pieprasījuma %1 pašreizējais statuss: %2.</translation>
    </message>
    <message>
        <source>&amp;New status</source>
        <translation>&amp;Jaunais statuss</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Iemesls</translation>
    </message>
    <message>
        <source>&amp;Forwarded to</source>
        <translation>&amp;Pārsūtīts uz</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>Jaunais statuss</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>Maiņas iemesls</translation>
    </message>
    <message>
        <source>Archive or office the request goes to</source>
        <translation>Arhīvs vai iestāde, kurai pārsūta pieprasījumu</translation>
    </message>
    <message>
        <source>The request is closed.</source>
        <translation>Pieprasījums ir slēgts.</translation>
    </message>
    <message>
        <source>required</source>
        <translation>obligāts</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>nav obligāts</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>Sinhronizācija</translation>
    </message>
    <message>
        <source>Sync is not available yet</source>
        <translation>Sinhronizācija vēl nav pieejama</translation>
    </message>
    <message>
        <source>This workstation works on its own local database. Syncing it with the office server, and settling conflicts, comes in a later version.</source>
        <translation>Šī darbstacija strādā ar savu lokālo datubāzi. Sinhronizācija ar iestādes serveri un konfliktu risināšana būs pieejama vēlākā versijā.</translation>
    </message>
</context>
</TS>
