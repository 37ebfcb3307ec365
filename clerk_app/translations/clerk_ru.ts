<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ArchivePage</name>
    <message>
        <source>Archive</source>
        <translation>Архив</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Поиск</translation>
    </message>
    <message>
        <source>Name in any script or spelling, e.g. Ivanov Pjotr 1931</source>
        <translation>Имя в любой письменности и написании, напр. Иванов Пётр 1931</translation>
    </message>
    <message>
        <source>Search the archive by name</source>
        <translation>Поиск в архиве по имени</translation>
    </message>
    <message>
        <source>Records found</source>
        <translation>Найденные записи</translation>
    </message>
    <message>
        <source>Collecting records for request</source>
        <translation>Записи собираются для запроса</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Готово</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Идёт поиск…</translation>
    </message>
    <message>
        <source>Correct the filters to search.</source>
        <translation>Исправьте фильтры, чтобы искать.</translation>
    </message>
    <message>
        <source>The search failed. Try again; if it fails again, tell IT support.</source>
        <translation>Поиск не удался. Повторите; если снова не получится, сообщите в ИТ-поддержку.</translation>
    </message>
    <message>
        <source>No records found. Try fewer words or other filters.</source>
        <translation>Записи не найдены. Попробуйте меньше слов или другие фильтры.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) found.</source>
        <translation>
            <numerusform>Найдена %n запись.</numerusform>
            <numerusform>Найдено %n записи.</numerusform>
            <numerusform>Найдено %n записей.</numerusform>
        </translation>
    </message>
    <message>
        <source>Looser spelling match used: check the names.</source>
        <translation>Использовано нестрогое сравнение написания: проверьте имена.</translation>
    </message>
    <message>
        <source>Type a name to search the archive.</source>
        <translation>Введите имя для поиска в архиве.</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign the request</source>
        <translation>Назначить исполнителя запроса</translation>
    </message>
    <message>
        <source>Who handles request %1? Leave empty for nobody.</source>
        <translation>Кто исполняет запрос %1? Оставьте пустым, если никто.</translation>
    </message>
    <message>
        <source>&amp;Assignee</source>
        <translation>&amp;Исполнитель</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <source>Certificates</source>
        <translation>Справки</translation>
    </message>
    <message>
        <source>Certificates are not available yet</source>
        <translation>Справки пока недоступны</translation>
    </message>
    <message>
        <source>Preparing archival certificates as PDF/A and signing them with the ID card comes in a later version. The records you collect for a request are kept with the request and will be used for its certificate.</source>
        <translation>Подготовка архивных справок в формате PDF/A и их подписание ID-картой появятся в следующей версии. Записи, собранные для запроса, хранятся вместе с ним и будут использованы для его справки.</translation>
    </message>
</context>
<context>
    <name>ClerkApp</name>
    <message>
        <source>The archive cannot be opened</source>
        <translation>Не удаётся открыть архив</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Что-то пошло не так: %1</translation>
    </message>
    <message>
        <source>The archive database is encrypted and needs a passphrase, and none was given.</source>
        <translation>База данных архива зашифрована и требует парольную фразу, но она не введена.</translation>
    </message>
    <message>
        <source>The passphrase is not right.</source>
        <translation>Парольная фраза неверна.</translation>
    </message>
    <message>
        <source>The passphrase is too short.</source>
        <translation>Парольная фраза слишком короткая.</translation>
    </message>
    <message>
        <source>The database key is missing from this computer&apos;s key store. Ask IT support to restore it.</source>
        <translation>Ключа базы данных нет в хранилище ключей этого компьютера. Попросите ИТ-поддержку восстановить его.</translation>
    </message>
    <message>
        <source>This computer&apos;s key store does not answer. Ask IT support.</source>
        <translation>Хранилище ключей этого компьютера не отвечает. Обратитесь в ИТ-поддержку.</translation>
    </message>
    <message>
        <source>The database does not open with its key. Ask IT support.</source>
        <translation>База данных не открывается своим ключом. Обратитесь в ИТ-поддержку.</translation>
    </message>
    <message>
        <source>The database&apos;s key file is damaged. Ask IT support.</source>
        <translation>Файл ключа базы данных повреждён. Обратитесь в ИТ-поддержку.</translation>
    </message>
    <message>
        <source>The database could not be opened (%1).</source>
        <translation>Не удалось открыть базу данных (%1).</translation>
    </message>
</context>
<context>
    <name>DemoOffer</name>
    <message>
        <source>Empty archive</source>
        <translation>Пустой архив</translation>
    </message>
    <message>
        <source>The archive has no records yet.</source>
        <translation>В архиве ещё нет записей.</translation>
    </message>
    <message>
        <source>Fill it with a demo archive to try Clerk? The demo holds invented persons of Narva, Sillamäe, Kohtla-Järve, Ivangorod and Daugavpils.</source>
        <translation>Заполнить его демонстрационным архивом, чтобы попробовать Clerk? В нём вымышленные люди из Нарвы, Силламяэ, Кохтла-Ярве, Ивангорода и Даугавпилса.</translation>
    </message>
    <message>
        <source>Filling the demo archive…</source>
        <translation>Заполнение демонстрационного архива…</translation>
    </message>
    <message numerus="yes">
        <source>Filling the demo archive: %n record(s)…</source>
        <translation>
            <numerusform>Заполнение демонстрационного архива: %n запись…</numerusform>
            <numerusform>Заполнение демонстрационного архива: %n записи…</numerusform>
            <numerusform>Заполнение демонстрационного архива: %n записей…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The demo archive is ready: %n record(s).</source>
        <translation>
            <numerusform>Демонстрационный архив готов: %n запись.</numerusform>
            <numerusform>Демонстрационный архив готов: %n записи.</numerusform>
            <numerusform>Демонстрационный архив готов: %n записей.</numerusform>
        </translation>
    </message>
    <message>
        <source>The demo archive could not be filled.</source>
        <translation>Не удалось заполнить демонстрационный архив.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Maiden name</source>
        <translation>Девичья фамилия</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Пол</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>Record number</source>
        <translation>Номер записи</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Предприятие</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>Hired</source>
        <translation>Принят</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>Уволен</translation>
    </message>
    <message>
        <source>Event date</source>
        <translation>Дата события</translation>
    </message>
    <message>
        <source>Event place</source>
        <translation>Место события</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>Супруг(а)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Resided</source>
        <translation>Проживал(а)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Written in</source>
        <translation>Написание</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Архив</translation>
    </message>
    <message>
        <source>Fonds</source>
        <translation>Фонд</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Опись</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Дело</translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation>Листы</translation>
    </message>
    <message>
        <source>Citation</source>
        <translation>Шифр</translation>
    </message>
    <message>
        <source>Archival reference</source>
        <translation>Архивный шифр</translation>
    </message>
    <message>
        <source>Payroll months</source>
        <translation>Месяцы начислений</translation>
    </message>
    <message>
        <source>Select a record to see all it holds.</source>
        <translation>Выберите запись, чтобы увидеть всё её содержимое.</translation>
    </message>
    <message>
        <source>&amp;Add to request…</source>
        <translation>&amp;Добавить к запросу…</translation>
    </message>
    <message>
        <source>Collect this record for a request&apos;s certificate</source>
        <translation>Собрать эту запись для справки по запросу</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>Exchange</source>
        <translation>Обмен</translation>
    </message>
    <message>
        <source>&amp;Inbox</source>
        <translation>&amp;Входящие</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>&amp;Исходящие</translation>
    </message>
    <message>
        <source>The inbox is not available yet</source>
        <translation>Входящие пока недоступны</translation>
    </message>
    <message>
        <source>Requests and certificates sent by partner municipalities will appear here in a later version. Until then, register a partner&apos;s request by hand with its case number.</source>
        <translation>Запросы и справки от муниципалитетов-партнёров появятся здесь в следующей версии. До тех пор регистрируйте запрос партнёра вручную с его номером дела.</translation>
    </message>
    <message>
        <source>The outbox is not available yet</source>
        <translation>Исходящие пока недоступны</translation>
    </message>
    <message>
        <source>Signed certificates waiting to be sent to partner municipalities, and their receipts, will appear here in a later version.</source>
        <translation>Подписанные справки, ожидающие отправки муниципалитетам-партнёрам, и подтверждения их получения появятся здесь в следующей версии.</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <source>Extend the deadline</source>
        <translation>Продлить срок</translation>
    </message>
    <message numerus="yes">
        <source>The deadline of request %1 is %2. It can be extended once, by up to %n day(s), and the applicant must be told.</source>
        <translation>
            <numerusform>Срок запроса %1 — %2. Его можно продлить один раз, не более чем на %n день, уведомив заявителя.</numerusform>
            <numerusform>Срок запроса %1 — %2. Его можно продлить один раз, не более чем на %n дня, уведомив заявителя.</numerusform>
            <numerusform>Срок запроса %1 — %2. Его можно продлить один раз, не более чем на %n дней, уведомив заявителя.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Days</source>
        <translation>&amp;Дней</translation>
    </message>
    <message>
        <source>&amp;Notice to the applicant</source>
        <translation>&amp;Уведомление заявителю</translation>
    </message>
    <message>
        <source>Days of extension</source>
        <translation>Дни продления</translation>
    </message>
    <message>
        <source>Notice to the applicant</source>
        <translation>Уведомление заявителю</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>&amp;Born</source>
        <translation>&amp;Год рождения</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Период</translation>
    </message>
    <message>
        <source>Record &amp;type</source>
        <translation>&amp;Тип записи</translation>
    </message>
    <message>
        <source>&amp;Enterprise</source>
        <translation>&amp;Предприятие</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>&amp;Сбросить фильтры</translation>
    </message>
    <message>
        <source>Born from year</source>
        <translation>Год рождения с</translation>
    </message>
    <message>
        <source>Born until year</source>
        <translation>Год рождения по</translation>
    </message>
    <message>
        <source>Period from year</source>
        <translation>Период с года</translation>
    </message>
    <message>
        <source>Period until year</source>
        <translation>Период по год</translation>
    </message>
    <message>
        <source>from</source>
        <translation>с</translation>
    </message>
    <message>
        <source>until</source>
        <translation>по</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Тип записи</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Предприятие</translation>
    </message>
    <message>
        <source>any enterprise</source>
        <translation>любое предприятие</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
    <message>
        <source>Any record</source>
        <translation>Любая запись</translation>
    </message>
    <message>
        <source>Civil status (birth, marriage, death)</source>
        <translation>Акты гражданского состояния (рождение, брак, смерть)</translation>
    </message>
    <message>
        <source>%1: enter a year between %2 and %3.</source>
        <translation>%1: введите год от %2 до %3.</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Год рождения</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>%1: the first year is after the second.</source>
        <translation>%1: первый год позже второго.</translation>
    </message>
</context>
<context>
    <name>Gender</name>
    <message>
        <source>male</source>
        <translation>мужской</translation>
    </message>
    <message>
        <source>female</source>
        <translation>женский</translation>
    </message>
</context>
<context>
    <name>HitsModel</name>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Рождение</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Предприятие</translation>
    </message>
    <message>
        <source>Archival reference</source>
        <translation>Архивный шифр</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Совпадение</translation>
    </message>
    <message>
        <source>née %1</source>
        <translation>урожд. %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clerk — archive requests and certificates</source>
        <translation>Clerk — архивные запросы и справки</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;New request…</source>
        <translation>&amp;Новый запрос…</translation>
    </message>
    <message>
        <source>Fill a &amp;demo archive…</source>
        <translation>Заполнить &amp;демонстрационным архивом…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>П&amp;ереход</translation>
    </message>
    <message>
        <source>&amp;Find in archive</source>
        <translation>&amp;Найти в архиве</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About Clerk</source>
        <translation>&amp;О программе Clerk</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>О &amp;Qt</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Разделы</translation>
    </message>
    <message>
        <source>About Clerk</source>
        <translation>О программе Clerk</translation>
    </message>
    <message>
        <source>Clerk registers archive requests, searches the archive across Cyrillic and Latin spellings and prepares archival certificates.</source>
        <translation>Clerk регистрирует архивные запросы, ищет в архиве имена в кириллическом и латинском написании и готовит архивные справки.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Set the database passphrase</source>
        <translation>Установка парольной фразы базы данных</translation>
    </message>
    <message numerus="yes">
        <source>This computer has no key store for the encrypted archive database. Set a passphrase of at least %n characters. Keep it safe: without it the data cannot be opened.</source>
        <translation>
            <numerusform>На этом компьютере нет хранилища ключей для зашифрованной базы данных архива. Задайте парольную фразу не короче %n символа. Храните её надёжно: без неё данные не открыть.</numerusform>
            <numerusform>На этом компьютере нет хранилища ключей для зашифрованной базы данных архива. Задайте парольную фразу не короче %n символов. Храните её надёжно: без неё данные не открыть.</numerusform>
            <numerusform>На этом компьютере нет хранилища ключей для зашифрованной базы данных архива. Задайте парольную фразу не короче %n символов. Храните её надёжно: без неё данные не открыть.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the archive database</source>
        <translation>Открытие базы данных архива</translation>
    </message>
    <message>
        <source>The archive database is encrypted. Enter its passphrase.</source>
        <translation>База данных архива зашифрована. Введите её парольную фразу.</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Парольная фраза</translation>
    </message>
    <message>
        <source>&amp;Repeat</source>
        <translation>По&amp;втор</translation>
    </message>
    <message>
        <source>Database passphrase</source>
        <translation>Парольная фраза базы данных</translation>
    </message>
    <message>
        <source>Database passphrase again</source>
        <translation>Парольная фраза базы данных ещё раз</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>Введите парольную фразу.</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters.</source>
        <translation>
            <numerusform>Не меньше %n символа.</numerusform>
            <numerusform>Не меньше %n символов.</numerusform>
            <numerusform>Не меньше %n символов.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Парольные фразы не совпадают.</translation>
    </message>
</context>
<context>
    <name>PayrollModel</name>
    <message>
        <source>Month</source>
        <translation>Месяц</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Лист</translation>
    </message>
</context>
<context>
    <name>RecordType</name>
    <message>
        <source>Personnel card</source>
        <translation>Личная карточка</translation>
    </message>
    <message>
        <source>Payroll account</source>
        <translation>Лицевой счёт</translation>
    </message>
    <message>
        <source>Birth record</source>
        <translation>Запись о рождении</translation>
    </message>
    <message>
        <source>Marriage record</source>
        <translation>Запись о браке</translation>
    </message>
    <message>
        <source>Death record</source>
        <translation>Запись о смерти</translation>
    </message>
    <message>
        <source>Residence record</source>
        <translation>Запись о прописке</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Register a request</source>
        <translation>Регистрация запроса</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Заявитель</translation>
    </message>
    <message>
        <source>What is asked</source>
        <translation>Что запрашивается</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Исполнение</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Имя</translation>
    </message>
    <message>
        <source>Applicant&apos;s name (or organisation)</source>
        <translation>Имя заявителя (или организация)</translation>
    </message>
    <message>
        <source>Postal &amp;address</source>
        <translation>Почтовый &amp;адрес</translation>
    </message>
    <message>
        <source>Applicant&apos;s postal address with postcode</source>
        <translation>Почтовый адрес заявителя с индексом</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Телефон</translation>
    </message>
    <message>
        <source>Applicant&apos;s phone</source>
        <translation>Телефон заявителя</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;Эл. почта</translation>
    </message>
    <message>
        <source>Applicant&apos;s e-mail address</source>
        <translation>Адрес электронной почты заявителя</translation>
    </message>
    <message>
        <source>&amp;Identity document</source>
        <translation>&amp;Документ, удостоверяющий личность</translation>
    </message>
    <message>
        <source>Identity document type and number</source>
        <translation>Вид и номер документа, удостоверяющего личность</translation>
    </message>
    <message>
        <source>e.g. passport 4510 123456</source>
        <translation>напр. паспорт 4510 123456</translation>
    </message>
    <message>
        <source>&amp;Subject</source>
        <translation>&amp;Предмет запроса</translation>
    </message>
    <message>
        <source>&amp;Person sought</source>
        <translation>&amp;Искомое лицо</translation>
    </message>
    <message>
        <source>Name of the person sought</source>
        <translation>Имя искомого лица</translation>
    </message>
    <message>
        <source>&amp;Born</source>
        <translation>Дата &amp;рождения</translation>
    </message>
    <message>
        <source>Birth date of the person sought</source>
        <translation>Дата рождения искомого лица</translation>
    </message>
    <message>
        <source>&amp;Other names</source>
        <translation>&amp;Другие имена</translation>
    </message>
    <message>
        <source>Maiden names and other spellings</source>
        <translation>Девичьи фамилии и другие написания</translation>
    </message>
    <message>
        <source>Pe&amp;riod</source>
        <translation>Пер&amp;иод</translation>
    </message>
    <message>
        <source>Period from year</source>
        <translation>Период с года</translation>
    </message>
    <message>
        <source>Certificate &amp;language</source>
        <translation>&amp;Язык справки</translation>
    </message>
    <message>
        <source>Certificate language</source>
        <translation>Язык справки</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Подробности</translation>
    </message>
    <message>
        <source>Details of the request</source>
        <translation>Подробности запроса</translation>
    </message>
    <message>
        <source>Period until year</source>
        <translation>Период по год</translation>
    </message>
    <message>
        <source>from</source>
        <translation>с</translation>
    </message>
    <message>
        <source>until</source>
        <translation>по</translation>
    </message>
    <message>
        <source>Second certificate language</source>
        <translation>Второй язык справки</translation>
    </message>
    <message>
        <source>e.g. %1, %2 or %3</source>
        <translation>напр. %1, %2 или %3</translation>
    </message>
    <message>
        <source>no second language</source>
        <translation>без второго языка</translation>
    </message>
    <message>
        <source>&amp;Came</source>
        <translation>П&amp;оступил</translation>
    </message>
    <message>
        <source>Where the request came from</source>
        <translation>Откуда поступил запрос</translation>
    </message>
    <message>
        <source>&amp;Received on</source>
        <translation>Дата пост&amp;упления</translation>
    </message>
    <message>
        <source>Date the request arrived</source>
        <translation>Дата поступления запроса</translation>
    </message>
    <message>
        <source>Partner &amp;municipality</source>
        <translation>&amp;Муниципалитет-партнёр</translation>
    </message>
    <message>
        <source>Partner municipality that sent the request</source>
        <translation>Муниципалитет-партнёр, приславший запрос</translation>
    </message>
    <message>
        <source>Partner&apos;s &amp;case number</source>
        <translation>Номер &amp;дела у партнёра</translation>
    </message>
    <message>
        <source>Case number of the partner municipality</source>
        <translation>Номер дела у муниципалитета-партнёра</translation>
    </message>
    <message>
        <source>Assi&amp;gnee</source>
        <translation>Ис&amp;полнитель</translation>
    </message>
    <message>
        <source>Clerk who handles the request</source>
        <translation>Сотрудник, исполняющий запрос</translation>
    </message>
    <message>
        <source>&amp;Deadline</source>
        <translation>&amp;Срок</translation>
    </message>
    <message>
        <source>Deadline, if not the legal one</source>
        <translation>Срок, если не установленный законом</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>напр. %1</translation>
    </message>
    <message>
        <source>legal deadline: %1</source>
        <translation>срок по закону: %1</translation>
    </message>
    <message>
        <source>Registered today, %1. Without a deadline of its own the legal one applies: %2.</source>
        <translation>Регистрируется сегодня, %1. Если свой срок не указан, действует срок по закону: %2.</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Зарегистрировать</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) need attention; see the messages next to them.</source>
        <translation>
            <numerusform>%n поле требует внимания; см. сообщения рядом с ним.</numerusform>
            <numerusform>%n поля требуют внимания; см. сообщения рядом с ними.</numerusform>
            <numerusform>%n полей требуют внимания; см. сообщения рядом с ними.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestDetailPane</name>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Заявитель</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контакты</translation>
    </message>
    <message>
        <source>Identity document</source>
        <translation>Документ, удостоверяющий личность</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Предмет запроса</translation>
    </message>
    <message>
        <source>Person sought</source>
        <translation>Искомое лицо</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <source>Other names</source>
        <translation>Другие имена</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Certificate languages</source>
        <translation>Языки справки</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>Поступил</translation>
    </message>
    <message>
        <source>Partner and case</source>
        <translation>Партнёр и дело</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>Дата поступления</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>Extension notice</source>
        <translation>Уведомление о продлении</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation>Изменить &amp;статус…</translation>
    </message>
    <message>
        <source>Assi&amp;gn…</source>
        <translation>Наз&amp;начить…</translation>
    </message>
    <message>
        <source>E&amp;xtend deadline…</source>
        <translation>&amp;Продлить срок…</translation>
    </message>
    <message>
        <source>Search the &amp;archive</source>
        <translation>Искать в &amp;архиве</translation>
    </message>
    <message>
        <source>Search the archive for the person sought and collect records</source>
        <translation>Искать искомое лицо в архиве и собирать записи</translation>
    </message>
    <message>
        <source>&amp;Remove from request</source>
        <translation>&amp;Убрать из запроса</translation>
    </message>
    <message>
        <source>Records collected for the certificate</source>
        <translation>Записи, собранные для справки</translation>
    </message>
    <message>
        <source>History of the request</source>
        <translation>История запроса</translation>
    </message>
    <message>
        <source>Select a request to see its details and history.</source>
        <translation>Выберите запрос, чтобы увидеть подробности и историю.</translation>
    </message>
    <message>
        <source>&amp;Request</source>
        <translation>&amp;Запрос</translation>
    </message>
    <message numerus="yes">
        <source>Recor&amp;ds (%n)</source>
        <translation>
            <numerusform>&amp;Записи (%n)</numerusform>
            <numerusform>&amp;Записи (%n)</numerusform>
            <numerusform>&amp;Записи (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;History (%n)</source>
        <translation>
            <numerusform>&amp;История (%n)</numerusform>
            <numerusform>&amp;История (%n)</numerusform>
            <numerusform>&amp;История (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>extended from %1</source>
        <translation>продлён, был %1</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>не назначен</translation>
    </message>
    <message>
        <source>No records collected yet. Search the archive and add records.</source>
        <translation>Записи ещё не собраны. Ищите в архиве и добавляйте записи.</translation>
    </message>
    <message>
        <source>These records will be cited in the certificate.</source>
        <translation>На эти записи будет ссылаться справка.</translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation>причина: %1</translation>
    </message>
    <message>
        <source>to: %1</source>
        <translation>куда: %1</translation>
    </message>
    <message>
        <source>new deadline %1</source>
        <translation>новый срок %1</translation>
    </message>
    <message>
        <source>notice: %1</source>
        <translation>уведомление: %1</translation>
    </message>
</context>
<context>
    <name>RequestLabels</name>
    <message>
        <source>Employment</source>
        <translation>Трудовой стаж</translation>
    </message>
    <message>
        <source>Salary</source>
        <translation>Заработная плата</translation>
    </message>
    <message>
        <source>Civil status</source>
        <translation>Гражданское состояние</translation>
    </message>
    <message>
        <source>Residence</source>
        <translation>Место жительства</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation>Лично</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>По почте</translation>
    </message>
    <message>
        <source>By e-mail</source>
        <translation>По электронной почте</translation>
    </message>
    <message>
        <source>From a partner municipality</source>
        <translation>От муниципалитета-партнёра</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Зарегистрирован</translation>
    </message>
    <message>
        <source>In search</source>
        <translation>Идёт поиск</translation>
    </message>
    <message>
        <source>Certificate prepared</source>
        <translation>Справка подготовлена</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Подписан</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Отправлен</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Доставлен</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Отказано</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Переадресован</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>В срок</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Срок подходит</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Просрочен</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Закрыт</translation>
    </message>
    <message>
        <source>Estonian</source>
        <translation>эстонский</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>русский</translation>
    </message>
    <message>
        <source>Latvian</source>
        <translation>латышский</translation>
    </message>
    <message>
        <source>English</source>
        <translation>английский</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>Это поле обязательно.</translation>
    </message>
    <message>
        <source>This is not a date. Write it as the example shows.</source>
        <translation>Это не дата. Напишите её, как в примере.</translation>
    </message>
    <message>
        <source>This date is in the future.</source>
        <translation>Эта дата в будущем.</translation>
    </message>
    <message>
        <source>The request cannot arrive after its registration (today).</source>
        <translation>Запрос не может поступить позже регистрации (сегодня).</translation>
    </message>
    <message>
        <source>The deadline cannot be before the registration date (today).</source>
        <translation>Срок не может быть раньше даты регистрации (сегодня).</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Период заканчивается раньше, чем начинается.</translation>
    </message>
    <message>
        <source>Enter a year between 1800 and this year.</source>
        <translation>Введите год от 1800 до текущего.</translation>
    </message>
    <message>
        <source>Choose a language from the list.</source>
        <translation>Выберите язык из списка.</translation>
    </message>
    <message>
        <source>Give a postal address, a phone number or an e-mail address.</source>
        <translation>Укажите почтовый адрес, телефон или адрес электронной почты.</translation>
    </message>
    <message>
        <source>This is not an e-mail address.</source>
        <translation>Это не адрес электронной почты.</translation>
    </message>
    <message>
        <source>This text is too long.</source>
        <translation>Этот текст слишком длинный.</translation>
    </message>
    <message>
        <source>Enter a four-digit year.</source>
        <translation>Введите год четырьмя цифрами.</translation>
    </message>
    <message>
        <source>Write a year, a month and year, or a full date.</source>
        <translation>Напишите год, месяц и год или полную дату.</translation>
    </message>
    <message>
        <source>This status cannot follow the current one.</source>
        <translation>Этот статус не может следовать за текущим.</translation>
    </message>
    <message>
        <source>Give the reason; the applicant is told it.</source>
        <translation>Укажите причину; её сообщат заявителю.</translation>
    </message>
    <message>
        <source>Name the archive or office it goes to.</source>
        <translation>Укажите архив или учреждение, куда он направляется.</translation>
    </message>
    <message>
        <source>The request is closed.</source>
        <translation>Запрос закрыт.</translation>
    </message>
    <message>
        <source>The deadline was already extended once.</source>
        <translation>Срок уже продлевался один раз.</translation>
    </message>
    <message>
        <source>Extend by at least one day.</source>
        <translation>Продлите хотя бы на один день.</translation>
    </message>
    <message>
        <source>The law does not allow so long an extension.</source>
        <translation>Закон не допускает такого долгого продления.</translation>
    </message>
    <message>
        <source>Write the notice sent to the applicant.</source>
        <translation>Напишите уведомление, отправленное заявителю.</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Статус изменён</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Назначен исполнитель</translation>
    </message>
    <message>
        <source>Deadline extended</source>
        <translation>Срок продлён</translation>
    </message>
    <message>
        <source>Records added</source>
        <translation>Записи добавлены</translation>
    </message>
    <message>
        <source>Records removed</source>
        <translation>Записи удалены</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Изменён</translation>
    </message>
</context>
<context>
    <name>RequestPickerDialog</name>
    <message>
        <source>Add to request</source>
        <translation>Добавить к запросу</translation>
    </message>
    <message numerus="yes">
        <source>Add %n record(s) to which request?</source>
        <translation>
            <numerusform>К какому запросу добавить %n запись?</numerusform>
            <numerusform>К какому запросу добавить %n записи?</numerusform>
            <numerusform>К какому запросу добавить %n записей?</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by number, applicant or person</source>
        <translation>Фильтр по номеру, заявителю или лицу</translation>
    </message>
    <message>
        <source>Filter requests</source>
        <translation>Фильтр запросов</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Открытые запросы</translation>
    </message>
    <message>
        <source>There is no open request. Register one first (Ctrl+N).</source>
        <translation>Открытых запросов нет. Сначала зарегистрируйте запрос (Ctrl+N).</translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message numerus="yes">
        <source>overdue by %n day(s)</source>
        <translation>
            <numerusform>просрочен на %n день</numerusform>
            <numerusform>просрочен на %n дня</numerusform>
            <numerusform>просрочен на %n дней</numerusform>
        </translation>
    </message>
    <message>
        <source>due today</source>
        <translation>срок сегодня</translation>
    </message>
    <message numerus="yes">
        <source>in %n working day(s)</source>
        <translation>
            <numerusform>через %n рабочий день</numerusform>
            <numerusform>через %n рабочих дня</numerusform>
            <numerusform>через %n рабочих дней</numerusform>
        </translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Зарегистрирован</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Заявитель</translation>
    </message>
    <message>
        <source>Person sought</source>
        <translation>Искомое лицо</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Предмет</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Осталось</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>Requests</source>
        <translation>Запросы</translation>
    </message>
    <message>
        <source>&amp;New request…</source>
        <translation>&amp;Новый запрос…</translation>
    </message>
    <message>
        <source>Register a new request (%1)</source>
        <translation>Зарегистрировать новый запрос (%1)</translation>
    </message>
    <message>
        <source>Fin&amp;d</source>
        <translation>Н&amp;айти</translation>
    </message>
    <message>
        <source>Number, applicant, person or partner&apos;s case</source>
        <translation>Номер, заявитель, лицо или дело партнёра</translation>
    </message>
    <message>
        <source>Find requests</source>
        <translation>Найти запросы</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>&amp;Показать</translation>
    </message>
    <message>
        <source>Which requests to show</source>
        <translation>Какие запросы показывать</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Открытые запросы</translation>
    </message>
    <message>
        <source>Overdue requests</source>
        <translation>Просроченные запросы</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>Все запросы</translation>
    </message>
    <message>
        <source>Anyone&apos;s</source>
        <translation>Всех исполнителей</translation>
    </message>
    <message>
        <source>Assigned to me</source>
        <translation>Назначенные мне</translation>
    </message>
    <message>
        <source>Whose requests to show</source>
        <translation>Чьи запросы показывать</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n запрос</numerusform>
            <numerusform>%n запроса</numerusform>
            <numerusform>%n запросов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>просрочено: %n</numerusform>
            <numerusform>просрочено: %n</numerusform>
            <numerusform>просрочено: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due soon</source>
        <translation>
            <numerusform>срок подходит: %n</numerusform>
            <numerusform>срок подходит: %n</numerusform>
            <numerusform>срок подходит: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>The request no longer exists.</source>
        <translation>Запроса больше не существует.</translation>
    </message>
    <message>
        <source>Someone else changed the request meanwhile; it was reloaded.</source>
        <translation>Кто-то другой тем временем изменил запрос; он загружен заново.</translation>
    </message>
    <message>
        <source>The register could not be read or written. Try again.</source>
        <translation>Не удалось прочитать или записать реестр. Повторите.</translation>
    </message>
    <message>
        <source>Request %1 registered.</source>
        <translation>Запрос %1 зарегистрирован.</translation>
    </message>
    <message>
        <source>The request could not be registered. Try again.</source>
        <translation>Не удалось зарегистрировать запрос. Повторите.</translation>
    </message>
    <message>
        <source>Status of %1: %2.</source>
        <translation>Статус запроса %1: %2.</translation>
    </message>
    <message>
        <source>Request %1 assigned.</source>
        <translation>Запросу %1 назначен исполнитель.</translation>
    </message>
    <message>
        <source>Deadline of %1 extended.</source>
        <translation>Срок запроса %1 продлён.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) added to the request.</source>
        <translation>
            <numerusform>К запросу добавлена %n запись.</numerusform>
            <numerusform>К запросу добавлены %n записи.</numerusform>
            <numerusform>К запросу добавлено %n записей.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some records are no longer in the archive.</source>
        <translation>Некоторых записей больше нет в архиве.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) removed from the request.</source>
        <translation>
            <numerusform>Из запроса удалена %n запись.</numerusform>
            <numerusform>Из запроса удалены %n записи.</numerusform>
            <numerusform>Из запроса удалено %n записей.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Script</name>
    <message>
        <source>Cyrillic</source>
        <translation>кириллица</translation>
    </message>
    <message>
        <source>Latin</source>
        <translation>латиница</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Not available in this version yet.</source>
        <translation>В этой версии пока недоступно.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Выполняется…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Нет связи</translation>
    </message>
    <message>
        <source>No office server is configured.</source>
        <translation>Сервер учреждения не настроен.</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>На связи</translation>
    </message>
    <message>
        <source>The office server answers.</source>
        <translation>Сервер учреждения отвечает.</translation>
    </message>
    <message>
        <source>The office server does not answer; work continues locally.</source>
        <translation>Сервер учреждения не отвечает; работа продолжается локально.</translation>
    </message>
    <message>
        <source>Card reader: —</source>
        <translation>Считыватель карт: —</translation>
    </message>
    <message>
        <source>Card reader: no service</source>
        <translation>Считыватель карт: нет службы</translation>
    </message>
    <message>
        <source>The smart-card service (pcscd) is not running.</source>
        <translation>Служба смарт-карт (pcscd) не запущена.</translation>
    </message>
    <message>
        <source>Card reader: none</source>
        <translation>Считыватель карт: нет</translation>
    </message>
    <message>
        <source>No card reader is connected.</source>
        <translation>Считыватель карт не подключён.</translation>
    </message>
    <message>
        <source>Only a test reader is connected; it is used in test mode only.</source>
        <translation>Подключён только тестовый считыватель; он используется только в тестовом режиме.</translation>
    </message>
    <message>
        <source>Card reader: no card</source>
        <translation>Считыватель карт: нет карты</translation>
    </message>
    <message>
        <source>Card reader: card inserted</source>
        <translation>Считыватель карт: карта вставлена</translation>
    </message>
    <message>
        <source>Outgoing: —</source>
        <translation>Исходящие: —</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting to be sent</source>
        <translation>
            <numerusform>%n сообщение ждёт отправки</numerusform>
            <numerusform>%n сообщения ждут отправки</numerusform>
            <numerusform>%n сообщений ждут отправки</numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation>Последняя синхронизация: никогда</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Последняя синхронизация: %1</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change the status</source>
        <translation>Изменение статуса</translation>
    </message>
    <message>
        <source>Request %1 is now: %2.</source>
        <translation>Текущий статус запроса %1: %2.</translation>
    </message>
    <message>
        <source>&amp;New status</source>
        <translation>&amp;Новый статус</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Причина</translation>
    </message>
    <message>
        <source>&amp;Forwarded to</source>
        <translation>&amp;Куда направлен</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>Новый статус</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>Причина изменения</translation>
    </message>
    <message>
        <source>Archive or office the request goes to</source>
        <translation>Архив или учреждение, куда направляется запрос</translation>
    </message>
    <message>
        <source>The request is closed.</source>
        <translation>Запрос закрыт.</translation>
    </message>
    <message>
        <source>required</source>
        <translation>обязательно</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>необязательно</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>Синхронизация</translation>
    </message>
    <message>
        <source>Sync is not available yet</source>
        <translation>Синхронизация пока недоступна</translation>
    </message>
    <message>
        <source>This workstation works on its own local database. Syncing it with the office server, and settling conflicts, comes in a later version.</source>
        <translation>Это рабочее место работает со своей локальной базой данных. Синхронизация с сервером учреждения и разрешение конфликтов появятся в следующей версии.</translation>
    </message>
</context>
</TS>
