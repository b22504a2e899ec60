"""The text of the information letter (Art. 15 GDPR): German and working translations.

Document text, not UI text (like authorisations/texts/): it follows the client's language, not the
user's. The language metadata (direction, script for the font) come from the Vollmacht's twelve
languages (`wir_fallmanagement/document_languages.py`, via `authorisations.texts.TRANSLATIONS`);
every one of the twelve has a translation here (a test checks it, with every key and placeholder),
so a client who speaks any of them gets the letter in German plus their language; anyone else gets
German only. Placeholders in braces are filled by `privacy.letter`.

All translations are working translations written for this project (Persian, Dari, Pashto, Kurmanji,
Tigrinya and Somali were added last): a qualified translator should review them before a district
relies on them; the German text is binding.
"""

GERMAN = {
    "title": "Auskunft über Ihre gespeicherten Daten (Art. 15 DSGVO)",
    "intro": (
        "Sie haben gefragt, welche Daten das WIR-Fallmanagement des {district} über Sie speichert. "
        "Hier ist die Auskunft, Stand {date}."
    ),
    "stored_heading": "1. Welche Daten wir speichern",
    "records_heading": "Weitere Einträge zu Ihrer Begleitung (Anzahl)",
    "purpose_heading": "2. Wozu",
    "purpose": (
        "Für Ihre Begleitung im Landesprogramm WIR: Beratung, Vermittlung in Angebote, Unterstützung bei "
        "Leistungen. Rechtsgrundlagen: § 67a ff. SGB X mit Art. 6 Abs. 1 Buchst. e DSGVO; Gesundheitsdaten "
        "nur mit Ihrer schriftlichen Einwilligung (Art. 9 Abs. 2 Buchst. a DSGVO)."
    ),
    "sources_heading": "3. Woher die Daten kommen",
    "sources": (
        "Von Ihnen selbst im Gespräch, aus Unterlagen, die Sie uns gezeigt haben, vom Kommunalen Job-Center "
        "(Nummer der Bedarfsgemeinschaft, Kundennummer) und von Ehrenamtlichen, die Sie begleiten."
    ),
    "recipients_heading": "4. An wen Daten gegangen sind",
    "recipients_none": "Keine Weitergabe.",
    "consent_line": "Einwilligung für {recipient} ({purpose}), erteilt am {given}{until}",
    "until": ", bis {date}",
    "handover_line": "Übergabe an das KJC ({team}) am {date}",
    "retention_heading": "5. Wie lange wir die Daten speichern",
    "retention": (
        "Ihre Daten werden {client} Monate nach dem Ende Ihrer Begleitung gelöscht; danach bleiben nur Zahlen "
        "für die Statistik, die niemand Ihnen zuordnen kann. Einwilligungen: {consent} Monate nach Widerruf "
        "oder Ablauf. Vollmachten: {authorisation} Monate nach Widerruf oder Ablauf. Protokoll der Zugriffe: "
        "{access_log} Monate."
    ),
    "rights_heading": "6. Ihre Rechte",
    "rights": [
        "Auskunft über Ihre Daten (Art. 15 DSGVO) – dieses Schreiben.",
        "Berichtigung falscher Daten (Art. 16 DSGVO).",
        "Löschung (Art. 17 DSGVO), soweit keine gesetzliche Pflicht zur Aufbewahrung besteht.",
        "Einschränkung der Verarbeitung (Art. 18 DSGVO).",
        "Widerspruch gegen die Verarbeitung (Art. 21 DSGVO).",
        "Widerruf einer Einwilligung jederzeit, für die Zukunft.",
        "Beschwerde beim Hessischen Beauftragten für Datenschutz und Informationsfreiheit (Art. 77 DSGVO).",
    ],
    "dpo_heading": "7. Kontakt der oder des Datenschutzbeauftragten",
    "dpo_missing": "Bitte fragen Sie Ihre Fallmanagerin oder Ihren Fallmanager.",
    "translation_notice": "Übersetzung zur Information. Verbindlich ist der deutsche Text.",
}

TRANSLATIONS = {
    "en": {
        "title": "Information about your stored data (Art. 15 GDPR)",
        "intro": (
            "You asked which data the WIR case management of {district} stores about you. "
            "This is the information as of {date}."
        ),
        "stored_heading": "1. Which data we store",
        "records_heading": "Further entries about your support (number)",
        "purpose_heading": "2. What for",
        "purpose": (
            "For your support in the WIR programme: advice, referral to offers, help with benefits. Legal basis: "
            "§ 67a ff. SGB X with Art. 6(1)(e) GDPR; health data only with your written consent (Art. 9(2)(a) GDPR)."
        ),
        "sources_heading": "3. Where the data come from",
        "sources": (
            "From you in conversation, from documents you showed us, from the municipal job centre (household "
            "number, customer number) and from volunteers who accompany you."
        ),
        "recipients_heading": "4. To whom data were passed",
        "recipients_none": "No data were passed on.",
        "consent_line": "Consent for {recipient} ({purpose}), given on {given}{until}",
        "until": ", until {date}",
        "handover_line": "Handed over to the job centre ({team}) on {date}",
        "retention_heading": "5. How long we keep the data",
        "retention": (
            "Your data are deleted {client} months after your support has ended; only numbers for statistics "
            "remain, which nobody can link to you. Consents: {consent} months after revocation or expiry. Powers "
            "of attorney: {authorisation} months after revocation or expiry. Access log: {access_log} months."
        ),
        "rights_heading": "6. Your rights",
        "rights": [
            "Access to your data (Art. 15 GDPR) – this letter.",
            "Correction of wrong data (Art. 16 GDPR).",
            "Erasure (Art. 17 GDPR), unless the law requires us to keep them.",
            "Restriction of processing (Art. 18 GDPR).",
            "Objection to the processing (Art. 21 GDPR).",
            "Withdrawing a consent at any time, for the future.",
            "Complaint to the Hessian Commissioner for Data Protection and Freedom of Information (Art. 77 GDPR).",
        ],
        "dpo_heading": "7. Contact of the data protection officer",
        "dpo_missing": "Please ask your case manager.",
        "translation_notice": "Translation for your information. The German text is binding.",
    },
    "ar": {
        "title": "معلومات عن بياناتك المحفوظة (المادة 15 من اللائحة العامة لحماية البيانات)",
        "intro": (
            "لقد سألت عن البيانات التي تحفظها إدارة الحالات في برنامج WIR في {district} عنك. "
            "هذه هي المعلومات بتاريخ {date}."
        ),
        "stored_heading": "1. ما هي البيانات التي نحفظها",
        "records_heading": "إدخالات أخرى عن مرافقتك (العدد)",
        "purpose_heading": "2. لأي غرض",
        "purpose": (
            "لمرافقتك في برنامج WIR: الاستشارة، والتوجيه إلى العروض، والمساعدة في الحصول على الإعانات. الأساس "
            "القانوني: المادة 67a وما يليها من الكتاب العاشر من قانون الضمان الاجتماعي مع المادة 6 (1) (هـ) من "
            "اللائحة العامة لحماية البيانات؛ البيانات الصحية فقط بموافقتك الخطية (المادة 9 (2) (أ))."
        ),
        "sources_heading": "3. من أين تأتي البيانات",
        "sources": (
            "منك أنت في المحادثة، ومن الوثائق التي أريتنا إياها، ومن مركز العمل البلدي (رقم مجموعة الاحتياج، "
            "رقم العميل)، ومن المتطوعين الذين يرافقونك."
        ),
        "recipients_heading": "4. إلى من أُرسلت البيانات",
        "recipients_none": "لم تُرسل أي بيانات.",
        "consent_line": "موافقة لـ {recipient} ({purpose})، أُعطيت في {given}{until}",
        "until": "، حتى {date}",
        "handover_line": "سُلّمت إلى مركز العمل ({team}) في {date}",
        "retention_heading": "5. كم من الوقت نحفظ البيانات",
        "retention": (
            "تُحذف بياناتك بعد {client} شهرًا من انتهاء مرافقتك؛ بعد ذلك تبقى أرقام للإحصاء فقط لا يمكن ربطها "
            "بك. الموافقات: {consent} شهرًا بعد سحبها أو انتهائها. التوكيلات: {authorisation} شهرًا بعد سحبها أو "
            "انتهائها. سجل الاطلاع: {access_log} شهرًا."
        ),
        "rights_heading": "6. حقوقك",
        "rights": [
            "الاطلاع على بياناتك (المادة 15) – هذه الرسالة.",
            "تصحيح البيانات الخاطئة (المادة 16).",
            "الحذف (المادة 17)، ما لم يُلزمنا القانون بحفظها.",
            "تقييد المعالجة (المادة 18).",
            "الاعتراض على المعالجة (المادة 21).",
            "سحب الموافقة في أي وقت، بالنسبة للمستقبل.",
            "تقديم شكوى إلى مفوض ولاية هيسن لحماية البيانات وحرية المعلومات (المادة 77).",
        ],
        "dpo_heading": "7. الاتصال بمسؤول حماية البيانات",
        "dpo_missing": "يرجى سؤال مدير أو مديرة حالتك.",
        "translation_notice": "ترجمة للعلم. النص الألماني هو الملزم.",
    },
    "uk": {
        "title": "Інформація про ваші збережені дані (ст. 15 GDPR)",
        "intro": (
            "Ви запитали, які дані про вас зберігає служба супроводу WIR округу {district}. "
            "Ось інформація станом на {date}."
        ),
        "stored_heading": "1. Які дані ми зберігаємо",
        "records_heading": "Інші записи про ваш супровід (кількість)",
        "purpose_heading": "2. Для чого",
        "purpose": (
            "Для вашого супроводу в програмі WIR: консультації, направлення до пропозицій, допомога з виплатами. "
            "Правова основа: § 67a і наст. SGB X разом зі ст. 6 (1) (e) GDPR; дані про здоров’я — лише з вашої "
            "письмової згоди (ст. 9 (2) (a) GDPR)."
        ),
        "sources_heading": "3. Звідки походять дані",
        "sources": (
            "Від вас під час розмови, з документів, які ви нам показали, від комунального центру зайнятості "
            "(номер спільноти потреб, номер клієнта) та від волонтерів, які вас супроводжують."
        ),
        "recipients_heading": "4. Кому передавалися дані",
        "recipients_none": "Дані не передавалися.",
        "consent_line": "Згода для {recipient} ({purpose}), надана {given}{until}",
        "until": ", до {date}",
        "handover_line": "Передано до центру зайнятості ({team}) {date}",
        "retention_heading": "5. Як довго ми зберігаємо дані",
        "retention": (
            "Ваші дані видаляються через {client} місяців після завершення супроводу; після цього залишаються "
            "лише числа для статистики, які ніхто не може пов’язати з вами. Згоди: {consent} місяців після "
            "відкликання або закінчення строку. Довіреності: {authorisation} місяців після відкликання або "
            "закінчення строку. Журнал доступу: {access_log} місяців."
        ),
        "rights_heading": "6. Ваші права",
        "rights": [
            "Доступ до ваших даних (ст. 15 GDPR) — цей лист.",
            "Виправлення неправильних даних (ст. 16 GDPR).",
            "Видалення (ст. 17 GDPR), якщо закон не вимагає їх зберігати.",
            "Обмеження обробки (ст. 18 GDPR).",
            "Заперечення проти обробки (ст. 21 GDPR).",
            "Відкликання згоди будь-коли, на майбутнє.",
            "Скарга до Уповноваженого землі Гессен із захисту даних і свободи інформації (ст. 77 GDPR).",
        ],
        "dpo_heading": "7. Контакт уповноваженого із захисту даних",
        "dpo_missing": "Будь ласка, зверніться до вашого кейс-менеджера.",
        "translation_notice": "Переклад для інформації. Обов’язковим є текст німецькою мовою.",
    },
    "ru": {
        "title": "Информация о ваших сохранённых данных (ст. 15 GDPR)",
        "intro": (
            "Вы спросили, какие данные о вас хранит служба сопровождения WIR округа {district}. "
            "Вот информация по состоянию на {date}."
        ),
        "stored_heading": "1. Какие данные мы храним",
        "records_heading": "Другие записи о вашем сопровождении (количество)",
        "purpose_heading": "2. Для чего",
        "purpose": (
            "Для вашего сопровождения в программе WIR: консультации, направление к предложениям, помощь с "
            "пособиями. Правовая основа: § 67a и сл. SGB X вместе со ст. 6 (1) (e) GDPR; данные о здоровье — "
            "только с вашего письменного согласия (ст. 9 (2) (a) GDPR)."
        ),
        "sources_heading": "3. Откуда данные",
        "sources": (
            "От вас в беседе, из документов, которые вы нам показали, от коммунального центра занятости (номер "
            "сообщества потребностей, номер клиента) и от волонтёров, которые вас сопровождают."
        ),
        "recipients_heading": "4. Кому передавались данные",
        "recipients_none": "Данные не передавались.",
        "consent_line": "Согласие для {recipient} ({purpose}), дано {given}{until}",
        "until": ", до {date}",
        "handover_line": "Передано в центр занятости ({team}) {date}",
        "retention_heading": "5. Как долго мы храним данные",
        "retention": (
            "Ваши данные удаляются через {client} месяцев после окончания сопровождения; после этого остаются "
            "только числа для статистики, которые никто не может связать с вами. Согласия: {consent} месяцев "
            "после отзыва или истечения срока. Доверенности: {authorisation} месяцев после отзыва или истечения "
            "срока. Журнал доступа: {access_log} месяцев."
        ),
        "rights_heading": "6. Ваши права",
        "rights": [
            "Доступ к вашим данным (ст. 15 GDPR) — это письмо.",
            "Исправление неверных данных (ст. 16 GDPR).",
            "Удаление (ст. 17 GDPR), если закон не требует их хранить.",
            "Ограничение обработки (ст. 18 GDPR).",
            "Возражение против обработки (ст. 21 GDPR).",
            "Отзыв согласия в любое время, на будущее.",
            "Жалоба Уполномоченному земли Гессен по защите данных и свободе информации (ст. 77 GDPR).",
        ],
        "dpo_heading": "7. Контакт уполномоченного по защите данных",
        "dpo_missing": "Пожалуйста, обратитесь к вашему кейс-менеджеру.",
        "translation_notice": "Перевод для информации. Обязательным является текст на немецком языке.",
    },
    "tr": {
        "title": "Kayıtlı verileriniz hakkında bilgi (GVKT Madde 15)",
        "intro": (
            "{district} WIR vaka yönetiminin sizinle ilgili hangi verileri sakladığını sordunuz. "
            "{date} tarihi itibarıyla bilgiler aşağıdadır."
        ),
        "stored_heading": "1. Hangi verileri saklıyoruz",
        "records_heading": "Desteğinizle ilgili diğer kayıtlar (sayı)",
        "purpose_heading": "2. Ne amaçla",
        "purpose": (
            "WIR programında size destek olmak için: danışmanlık, tekliflere yönlendirme, yardımlarla ilgili destek. "
            "Hukuki dayanak: SGB X § 67a vd. ile GVKT Madde 6 (1) (e); sağlık verileri yalnızca yazılı onayınızla "
            "(GVKT Madde 9 (2) (a))."
        ),
        "sources_heading": "3. Veriler nereden geliyor",
        "sources": (
            "Görüşmede sizden, bize gösterdiğiniz belgelerden, belediye iş merkezinden (ihtiyaç topluluğu "
            "numarası, müşteri numarası) ve size eşlik eden gönüllülerden."
        ),
        "recipients_heading": "4. Veriler kime iletildi",
        "recipients_none": "Veri iletilmedi.",
        "consent_line": "{recipient} için onay ({purpose}), verildiği tarih {given}{until}",
        "until": ", {date} tarihine kadar",
        "handover_line": "İş merkezine ({team}) teslim: {date}",
        "retention_heading": "5. Verileri ne kadar süre saklıyoruz",
        "retention": (
            "Verileriniz desteğiniz sona erdikten {client} ay sonra silinir; sonrasında yalnızca kimsenin sizinle "
            "ilişkilendiremeyeceği istatistik sayıları kalır. Onaylar: geri alma veya süre bitiminden {consent} "
            "ay sonra. Vekâletnameler: geri alma veya süre bitiminden {authorisation} ay sonra. Erişim kaydı: "
            "{access_log} ay."
        ),
        "rights_heading": "6. Haklarınız",
        "rights": [
            "Verilerinize erişim (Madde 15) – bu mektup.",
            "Yanlış verilerin düzeltilmesi (Madde 16).",
            "Silme (Madde 17), yasa saklamayı gerektirmediği sürece.",
            "İşlemenin kısıtlanması (Madde 18).",
            "İşlemeye itiraz (Madde 21).",
            "Onayı her zaman, ileriye dönük olarak geri alma.",
            "Hessen Veri Koruma ve Bilgi Edinme Özgürlüğü Sorumlusuna şikâyet (Madde 77).",
        ],
        "dpo_heading": "7. Veri koruma görevlisinin iletişim bilgileri",
        "dpo_missing": "Lütfen vaka yöneticinize sorun.",
        "translation_notice": "Bilgi amaçlı çeviri. Bağlayıcı olan Almanca metindir.",
    },
    "fr": {
        "title": "Information sur vos données enregistrées (art. 15 RGPD)",
        "intro": (
            "Vous avez demandé quelles données le service d’accompagnement WIR de {district} enregistre à votre "
            "sujet. Voici l’information, état au {date}."
        ),
        "stored_heading": "1. Quelles données nous enregistrons",
        "records_heading": "Autres entrées concernant votre accompagnement (nombre)",
        "purpose_heading": "2. Dans quel but",
        "purpose": (
            "Pour votre accompagnement dans le programme WIR : conseil, orientation vers des offres, aide pour les "
            "prestations. Base juridique : § 67a et s. SGB X avec l’art. 6, par. 1, point e) RGPD ; données de "
            "santé uniquement avec votre consentement écrit (art. 9, par. 2, point a) RGPD)."
        ),
        "sources_heading": "3. D’où viennent les données",
        "sources": (
            "De vous-même lors des entretiens, des documents que vous nous avez montrés, du centre communal pour "
            "l’emploi (numéro de la communauté de besoins, numéro de client) et des bénévoles qui vous accompagnent."
        ),
        "recipients_heading": "4. À qui des données ont été transmises",
        "recipients_none": "Aucune transmission.",
        "consent_line": "Consentement pour {recipient} ({purpose}), donné le {given}{until}",
        "until": ", jusqu’au {date}",
        "handover_line": "Remis au centre pour l’emploi ({team}) le {date}",
        "retention_heading": "5. Combien de temps nous conservons les données",
        "retention": (
            "Vos données sont effacées {client} mois après la fin de votre accompagnement ; il ne reste ensuite que "
            "des chiffres statistiques que personne ne peut relier à vous. Consentements : {consent} mois après "
            "révocation ou expiration. Procurations : {authorisation} mois après révocation ou expiration. "
            "Journal des accès : {access_log} mois."
        ),
        "rights_heading": "6. Vos droits",
        "rights": [
            "Accès à vos données (art. 15 RGPD) – cette lettre.",
            "Rectification de données inexactes (art. 16 RGPD).",
            "Effacement (art. 17 RGPD), sauf obligation légale de conservation.",
            "Limitation du traitement (art. 18 RGPD).",
            "Opposition au traitement (art. 21 RGPD).",
            "Retrait d’un consentement à tout moment, pour l’avenir.",
            "Réclamation auprès du commissaire de Hesse à la protection des données et à la liberté d’information "
            "(art. 77 RGPD).",
        ],
        "dpo_heading": "7. Contact du délégué à la protection des données",
        "dpo_missing": "Veuillez demander à votre gestionnaire de cas.",
        "translation_notice": "Traduction pour information. Seul le texte allemand fait foi.",
    },
    "fa": {
        "title": "اطلاعات درباره داده‌های ذخیره‌شده شما (ماده 15 مقررات عمومی حفاظت از داده‌ها، DSGVO)",
        "intro": (
            "شما پرسیده‌اید که مدیریت پرونده WIR در {district} چه داده‌هایی از شما ذخیره می‌کند. "
            "این اطلاعات به تاریخ {date} است."
        ),
        "stored_heading": "1. چه داده‌هایی ذخیره می‌کنیم",
        "records_heading": "موارد دیگر درباره همراهی شما (تعداد)",
        "purpose_heading": "2. برای چه",
        "purpose": (
            "برای همراهی شما در برنامه WIR: مشاوره، معرفی به برنامه‌ها و خدمات، کمک در دریافت کمک‌هزینه‌ها. مبنای "
            "قانونی: ماده 67a و مواد بعدی کتاب دهم قانون اجتماعی آلمان (SGB X) همراه با ماده 6 بند 1 (e) DSGVO؛ "
            "داده‌های سلامت فقط با رضایت کتبی شما (ماده 9 بند 2 (a) DSGVO)."
        ),
        "sources_heading": "3. داده‌ها از کجا می‌آیند",
        "sources": (
            "از خود شما در گفتگو، از مدارکی که به ما نشان داده‌اید، از مرکز کاریابی شهرستان (شماره خانوار، "
            "شماره مشتری) و از داوطلبانی که شما را همراهی می‌کنند."
        ),
        "recipients_heading": "4. داده‌ها به چه کسانی داده شده‌اند",
        "recipients_none": "هیچ داده‌ای به کسی داده نشده است.",
        "consent_line": "رضایت برای {recipient} ({purpose})، داده‌شده در {given}{until}",
        "until": "، تا {date}",
        "handover_line": "تحویل به مرکز کاریابی ({team}) در {date}",
        "retention_heading": "5. داده‌ها را تا چه مدت نگه می‌داریم",
        "retention": (
            "داده‌های شما {client} ماه پس از پایان همراهی شما حذف می‌شوند؛ پس از آن فقط اعدادی برای آمار می‌ماند "
            "که هیچ‌کس نمی‌تواند آن‌ها را به شما ربط دهد. رضایت‌ها: {consent} ماه پس از لغو یا پایان اعتبار. "
            "وکالت‌نامه‌ها: {authorisation} ماه پس از لغو یا پایان اعتبار. ثبت دسترسی‌ها: {access_log} ماه."
        ),
        "rights_heading": "6. حقوق شما",
        "rights": [
            "دسترسی به داده‌های خود (ماده 15 DSGVO) – همین نامه.",
            "اصلاح داده‌های نادرست (ماده 16 DSGVO).",
            "حذف (ماده 17 DSGVO)، مگر اینکه قانون ما را به نگهداری آن‌ها ملزم کند.",
            "محدود کردن پردازش (ماده 18 DSGVO).",
            "اعتراض به پردازش (ماده 21 DSGVO).",
            "پس گرفتن رضایت در هر زمان، برای آینده.",
            "شکایت به مسئول حفاظت از داده‌ها و آزادی اطلاعات ایالت هسن (ماده 77 DSGVO).",
        ],
        "dpo_heading": "7. تماس با مسئول حفاظت از داده‌ها",
        "dpo_missing": "لطفاً از مدیر پرونده خود بپرسید.",
        "translation_notice": "ترجمه برای اطلاع شما. فقط متن آلمانی الزام‌آور است.",
    },
    "prs": {
        "title": "معلومات دربارهٔ معلومات ذخیره‌شدهٔ شما (مادهٔ 15 مقررات عمومی حفاظت معلومات، DSGVO)",
        "intro": (
            "شما پرسیده‌اید که مدیریت قضیهٔ WIR در {district} کدام معلومات شما را ذخیره می‌کند. "
            "این معلومات به تاریخ {date} است."
        ),
        "stored_heading": "1. کدام معلومات را ذخیره می‌کنیم",
        "records_heading": "ثبت‌های دیگر دربارهٔ همراهی شما (تعداد)",
        "purpose_heading": "2. برای چه",
        "purpose": (
            "برای همراهی شما در برنامهٔ WIR: مشوره، معرفی به برنامه‌ها و خدمات، کمک در گرفتن کمک‌ها. اساس "
            "قانونی: مادهٔ 67a و مواد بعدی کتاب دهم قانون اجتماعی آلمان (SGB X) همراه با مادهٔ 6 بند 1 (e) DSGVO؛ "
            "معلومات صحی فقط با رضایت کتبی شما (مادهٔ 9 بند 2 (a) DSGVO)."
        ),
        "sources_heading": "3. معلومات از کجا می‌آید",
        "sources": (
            "از خود شما در صحبت، از اسنادی که به ما نشان داده‌اید، از مرکز کاریابی ولسوالی (شمارهٔ خانوار، "
            "شمارهٔ مشتری) و از داوطلبانی که شما را همراهی می‌کنند."
        ),
        "recipients_heading": "4. معلومات به چه کسانی داده شده است",
        "recipients_none": "هیچ معلوماتی به کسی داده نشده است.",
        "consent_line": "رضایت برای {recipient} ({purpose})، داده‌شده در {given}{until}",
        "until": "، تا {date}",
        "handover_line": "تسلیم به مرکز کاریابی ({team}) در {date}",
        "retention_heading": "5. معلومات را تا چه وقت نگه می‌داریم",
        "retention": (
            "معلومات شما {client} ماه بعد از ختم همراهی شما حذف می‌شود؛ بعد از آن فقط ارقامی برای احصائیه باقی "
            "می‌ماند که هیچ‌کس نمی‌تواند آن را به شما ربط بدهد. رضایت‌ها: {consent} ماه بعد از پس‌گرفتن یا ختم "
            "اعتبار. وکالت‌نامه‌ها: {authorisation} ماه بعد از پس‌گرفتن یا ختم اعتبار. ثبت دسترسی‌ها: "
            "{access_log} ماه."
        ),
        "rights_heading": "6. حقوق شما",
        "rights": [
            "دسترسی به معلومات خود (مادهٔ 15 DSGVO) – همین نامه.",
            "اصلاح معلومات نادرست (مادهٔ 16 DSGVO).",
            "حذف (مادهٔ 17 DSGVO)، مگر اینکه قانون ما را به نگهداری آن مکلف بسازد.",
            "محدود ساختن پروسس (مادهٔ 18 DSGVO).",
            "اعتراض بر پروسس (مادهٔ 21 DSGVO).",
            "پس‌گرفتن رضایت در هر وقت، برای آینده.",
            "شکایت به مسئول حفاظت معلومات و آزادی اطلاعات ایالت هسن (مادهٔ 77 DSGVO).",
        ],
        "dpo_heading": "7. تماس با مسئول حفاظت معلومات",
        "dpo_missing": "لطفاً از مدیر قضیهٔ خود بپرسید.",
        "translation_notice": "ترجمه برای معلومات شما. فقط متن آلمانی الزامی است.",
    },
    "ps": {
        "title": "ستاسو د خوندي شویو معلوماتو په اړه معلومات (د DSGVO ۱۵ ماده)",
        "intro": (
            "تاسو پوښتنه کړې چې په {district} کې د WIR د قضیو مدیریت ستاسو کوم معلومات ساتي. "
            "دا د {date} نېټې پورې معلومات دي."
        ),
        "stored_heading": "1. موږ کوم معلومات ساتو",
        "records_heading": "ستاسو د ملګرتیا په اړه نور ثبتونه (شمېر)",
        "purpose_heading": "2. د څه لپاره",
        "purpose": (
            "د WIR په پروګرام کې ستاسو د ملګرتیا لپاره: مشوره، پروګرامونو ته لېږل، د مرستو په ترلاسه کولو کې "
            "مرسته. قانوني بنسټ: د آلمان د ټولنیز قانون د لسم کتاب (SGB X) ۶۷a او ورپسې مادې د DSGVO د ۶ مادې ۱ "
            "بند (e) سره؛ د روغتیا معلومات یوازې ستاسو په لیکلي رضایت (د DSGVO د ۹ مادې ۲ بند (a))."
        ),
        "sources_heading": "3. معلومات له کومه راځي",
        "sources": (
            "له تاسو څخه په خبرو کې، له هغو اسنادو چې تاسو موږ ته ښودلي، د ولسوالۍ د کار موندنې له مرکز (د "
            "کورنۍ شمېره، د مشتري شمېره) او له هغو داوطلبانو چې تاسو سره ملګرتیا کوي."
        ),
        "recipients_heading": "4. معلومات چا ته ورکړل شوي",
        "recipients_none": "هېڅ معلومات چا ته نه دي ورکړل شوي.",
        "consent_line": "د {recipient} لپاره رضایت ({purpose})، ورکړل شوی په {given}{until}",
        "until": "، تر {date} پورې",
        "handover_line": "د کار موندنې مرکز ({team}) ته سپارل شوي په {date}",
        "retention_heading": "5. معلومات څومره موده ساتو",
        "retention": (
            "ستاسو معلومات ستاسو د ملګرتیا له پای ته رسېدو {client} میاشتې وروسته ړنګېږي؛ له هغې وروسته یوازې "
            "د احصایې لپاره شمېرې پاتې کېږي چې هېڅوک یې تاسو سره نه شي تړلی. رضایتونه: د بېرته اخیستلو یا د "
            "اعتبار له پای ته رسېدو {consent} میاشتې وروسته. وکالت‌نامې: د بېرته اخیستلو یا د اعتبار له پای ته "
            "رسېدو {authorisation} میاشتې وروسته. د لاسرسي ثبت: {access_log} میاشتې."
        ),
        "rights_heading": "6. ستاسو حقونه",
        "rights": [
            "خپلو معلوماتو ته لاسرسی (د DSGVO ۱۵ ماده) – همدا لیک.",
            "د ناسمو معلوماتو سمول (د DSGVO ۱۶ ماده).",
            "ړنګول (د DSGVO ۱۷ ماده)، مګر دا چې قانون موږ د هغو په ساتلو مکلف کړي.",
            "د پروسس محدودول (د DSGVO ۱۸ ماده).",
            "پر پروسس اعتراض (د DSGVO ۲۱ ماده).",
            "هر وخت د رضایت بېرته اخیستل، د راتلونکي لپاره.",
            "د هسن ایالت د معلوماتو د ساتنې او د معلوماتو د آزادۍ مسئول ته شکایت (د DSGVO ۷۷ ماده).",
        ],
        "dpo_heading": "7. د معلوماتو د ساتنې له مسئول سره اړیکه",
        "dpo_missing": "مهرباني وکړئ له خپل د قضیې مدیر څخه وپوښتئ.",
        "translation_notice": "ژباړه ستاسو د خبرتیا لپاره. یوازې الماني متن الزامي دی.",
    },
    "ku": {
        "title": "Agahî li ser daneyên we yên tomarkirî (xala 15 DSGVO)",
        "intro": (
            "We pirsî ku rêveberiya dosyayan a WIR {district} kîjan daneyên we tomar dike. "
            "Ev agahî li gorî rewşa {date} ye."
        ),
        "stored_heading": "1. Em kîjan daneyan tomar dikin",
        "records_heading": "Tomarên din li ser piştgiriya we (hejmar)",
        "purpose_heading": "2. Ji bo çi",
        "purpose": (
            "Ji bo piştgiriya we di bernameya WIR de: şêwirdarî, şandina ber bi pêşniyaran ve, alîkarî ji bo "
            "alîkariyên dewletê. Bingeha qanûnî: § 67a û yên piştre SGB X bi xala 6 (1) (e) DSGVO re; daneyên "
            "tenduristiyê tenê bi razîbûna we ya nivîskî (xala 9 (2) (a) DSGVO)."
        ),
        "sources_heading": "3. Dane ji ku tên",
        "sources": (
            "Ji we bi xwe di axaftinê de, ji belgeyên ku we nîşanî me dan, ji Navenda Karê ya Şaredariyê "
            "(hejmara malbatê, hejmara xerîdar) û ji dilxwazên ku bi we re dibin."
        ),
        "recipients_heading": "4. Dane ji kê re hatin şandin",
        "recipients_none": "Tu dane nehatin şandin.",
        "consent_line": "Razîbûn ji bo {recipient} ({purpose}), hatiye dayîn di {given}{until}",
        "until": ", heta {date}",
        "handover_line": "Radestî Navenda Karê ({team}) kirin di {date}",
        "retention_heading": "5. Em daneyan çiqas dem diparêzin",
        "retention": (
            "Daneyên we {client} meh piştî dawiya piştgiriya we têne jêbirin; piştre tenê hejmarên ji bo "
            "statîstîkê dimînin ku kes nikare wan bi we ve girê bide. Razîbûn: {consent} meh piştî paşdegirtin an "
            "bidawîbûnê. Wekaletname: {authorisation} meh piştî paşdegirtin an bidawîbûnê. Tomara gihîştinê: "
            "{access_log} meh."
        ),
        "rights_heading": "6. Mafên we",
        "rights": [
            "Gihîştina daneyên we (xala 15 DSGVO) – ev name.",
            "Rastkirina daneyên şaş (xala 16 DSGVO).",
            "Jêbirin (xala 17 DSGVO), heke qanûn parastina wan ferz neke.",
            "Sînordarkirina pêvajoyê (xala 18 DSGVO).",
            "Îtîraza li dijî pêvajoyê (xala 21 DSGVO).",
            "Paşdegirtina razîbûnê her dem, ji bo pêşerojê.",
            "Gilî li Berpirsiyarê Hessenê yê Parastina Daneyan û Azadiya Agahiyan (xala 77 DSGVO).",
        ],
        "dpo_heading": "7. Têkilî bi berpirsiyarê parastina daneyan re",
        "dpo_missing": "Ji kerema xwe ji rêveberê dosyaya xwe bipirsin.",
        "translation_notice": "Werger ji bo agahiya we. Tenê nivîsa almanî mecbûrî ye.",
    },
    "ti": {
        "title": "ሓበሬታ ብዛዕባ ዝተዓቀበ ሓበሬታኹም (ዓንቀጽ 15 DSGVO)",
        "intro": ("ምምሕዳር ጉዳያት WIR {district} ብዛዕባኹም እንታይ ሓበሬታ ከም ዝዕቅብ ሓቲትኩም። እዚ ክሳብ {date} ዘሎ ሓበሬታ እዩ።"),
        "stored_heading": "1. እንታይ ሓበሬታ ንዕቅብ",
        "records_heading": "ካልኦት መዝገባት ብዛዕባ ሰዓብነትኩም (ቁጽሪ)",
        "purpose_heading": "2. ንምንታይ",
        "purpose": (
            "ኣብ መደብ WIR ንዝግበረልኩም ሰዓብነት፦ ምኽሪ፡ ናብ ኣገልግሎታት ምምራሕ፡ ኣብ ሓገዛት ምሕጋዝ። ሕጋዊ መሰረት፦ "
            "§ 67a ወዘተ. SGB X ምስ ዓንቀጽ 6 (1) (e) DSGVO፤ ሓበሬታ ጥዕና ብጽሑፍ ፍቓድኩም ጥራይ (ዓንቀጽ 9 (2) (a) DSGVO)።"
        ),
        "sources_heading": "3. እቲ ሓበሬታ ካበይ ይመጽእ",
        "sources": (
            "ካባኹም ባዕልኹም ኣብ ዝርርብ፡ ካብ ዘርኣኹምና ሰነዳት፡ ካብ ማእከል ስራሕ ምምሕዳር (ቁጽሪ ስድራ፡ ቁጽሪ ዓሚል) ከምኡ'ውን ካብ ዝሰዓቡኹም ወለንተኛታት።"
        ),
        "recipients_heading": "4. ሓበሬታ ንመን ተዋሂቡ",
        "recipients_none": "ዝተዋህበ ሓበሬታ የለን።",
        "consent_line": "ፍቓድ ን{recipient} ({purpose})፡ ዝተዋህበሉ {given}{until}",
        "until": "፡ ክሳብ {date}",
        "handover_line": "ናብ ማእከል ስራሕ ({team}) ዝተረከበሉ {date}",
        "retention_heading": "5. ሓበሬታ ክንደይ ግዜ ንዕቅብ",
        "retention": (
            "ሓበሬታኹም ሰዓብነትኩም ካብ ዝውድእ {client} ወርሒ ጸኒሑ ይድምሰስ፤ ድሕሪኡ ንሕታ ዝኸውን ቁጽርታት ጥራይ "
            "ይተርፍ፡ ንሱ'ውን ሓደ እኳ ምሳኹም ከተኣሳስሮ ኣይክእልን። ፍቓዳት፦ ካብ ምስሓብ ወይ ምውዳእ {consent} ወርሒ ጸኒሑ። "
            "ውክልናታት፦ ካብ ምስሓብ ወይ ምውዳእ {authorisation} ወርሒ ጸኒሑ። መዝገብ ምእታው፦ {access_log} ወርሒ።"
        ),
        "rights_heading": "6. መሰላትኩም",
        "rights": [
            "ሓበሬታኹም ምርኣይ (ዓንቀጽ 15 DSGVO) – እዚ ደብዳበ።",
            "ጌጋ ሓበሬታ ምእራም (ዓንቀጽ 16 DSGVO)።",
            "ምድምሳስ (ዓንቀጽ 17 DSGVO)፡ ሕጊ ክንዕቅቦ እንተዘይኣገደደና።",
            "ኣሰራርሓ ምድራት (ዓንቀጽ 18 DSGVO)።",
            "ኣንጻር ኣሰራርሓ ተቓውሞ (ዓንቀጽ 21 DSGVO)።",
            "ፍቓድ ኣብ ዝኾነ ግዜ ምስሓብ፡ ንመጻኢ።",
            "ናብ ሓላፊ ሓለዋ ሓበሬታን ናጽነት ሓበሬታን ክፍለ ሃገር ሄሰን ክሲ ምቕራብ (ዓንቀጽ 77 DSGVO)።",
        ],
        "dpo_heading": "7. ምስ ሓላፊ ሓለዋ ሓበሬታ ርክብ",
        "dpo_missing": "በጃኹም ንኣመሓዳሪ ጉዳይኩም ሕተቱ።",
        "translation_notice": "ንሓበሬታ ዝተዳለወ ትርጉም። ኣሳሳሪ እቲ ጀርመንኛ ጽሑፍ ጥራይ እዩ።",
    },
    "so": {
        "title": "Macluumaad ku saabsan xogtaada la kaydiyay (qodobka 15 DSGVO)",
        "intro": (
            "Waxaad weydiisay xogta uu maamulka kiisaska WIR {district} kaa kaydiyo. Kani waa macluumaadka ilaa {date}."
        ),
        "stored_heading": "1. Xogta aan kaydinno",
        "records_heading": "Diiwaanno kale oo ku saabsan taageeradaada (tirada)",
        "purpose_heading": "2. Ujeeddada",
        "purpose": (
            "Taageeradaada barnaamijka WIR: talo-bixin, u gudbinta adeegyo, caawinaad xagga gargaarka. Saldhigga "
            "sharciga: § 67a iyo wixii ka dambeeya SGB X oo la socda qodobka 6 (1) (e) DSGVO; xogta caafimaadka "
            "oo keliya oggolaanshahaaga qoraalka ah (qodobka 9 (2) (a) DSGVO)."
        ),
        "sources_heading": "3. Halka ay xogtu ka timaado",
        "sources": (
            "Adiga laftaada wadahadalka, dukumeentiyada aad na tustay, Xarunta Shaqada ee Degmada (lambarka "
            "qoyska, lambarka macmiilka) iyo mutadawiciinta ku taageera."
        ),
        "recipients_heading": "4. Cidda xogta loo gudbiyay",
        "recipients_none": "Xog lama gudbin.",
        "consent_line": "Oggolaansho loogu talagalay {recipient} ({purpose}), la bixiyay {given}{until}",
        "until": ", ilaa {date}",
        "handover_line": "Loo wareejiyay Xarunta Shaqada ({team}) {date}",
        "retention_heading": "5. Muddada aan xogta hayno",
        "retention": (
            "Xogtaada waxaa la tirtiraa {client} bilood kadib marka taageeradaadu dhammaato; kadib waxaa hadha "
            "oo keliya tirooyin tirakoob ah oo aan cidna kula xiriirin karin. Oggolaanshaha: {consent} bilood "
            "kadib ka noqosho ama dhammaad. Awood-qaybsiga (wakaalad): {authorisation} bilood kadib ka noqosho "
            "ama dhammaad. Diiwaanka gelitaanka: {access_log} bilood."
        ),
        "rights_heading": "6. Xuquuqdaada",
        "rights": [
            "Helitaanka xogtaada (qodobka 15 DSGVO) – warqaddan.",
            "Saxidda xog khaldan (qodobka 16 DSGVO).",
            "Tirtirid (qodobka 17 DSGVO), haddii aanu sharcigu nagu waajibin inaan hayno.",
            "Xaddidaadda habaynta (qodobka 18 DSGVO).",
            "Diidmada habaynta (qodobka 21 DSGVO).",
            "Ka noqoshada oggolaansho waqti kasta, mustaqbalka.",
            "Cabasho loo gudbiyo Wakiilka Hessen ee Ilaalinta Xogta iyo Xorriyadda Macluumaadka (qodobka 77 DSGVO).",
        ],
        "dpo_heading": "7. La xiriirka sarkaalka ilaalinta xogta",
        "dpo_missing": "Fadlan weydii maareeyahaaga kiiska.",
        "translation_notice": "Tarjumaad macluumaad ahaan. Qoraalka Jarmalka oo keliya ayaa sharci ahaan ku xiran.",
    },
}
