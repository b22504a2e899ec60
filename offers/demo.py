"""Demo data of the offers app: 20 providers, about 60 offers across the twelve municipalities of
the Odenwaldkreis with translations, referrals in every status and BuT applications for the
demo clients that the cases app created before (none yet: offers only).

All names, e-mail addresses and people are fictitious (e-mail under the reserved .invalid domain).
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Role, User
from cases.demo import demo_municipalities
from cases.models import Client, Consent, DataCategory, Language
from wir_fallmanagement.dates import add_months

from . import but, services
from .models import ButApplication, ButCategory, Category, Offer, OfferTranslation, Provider, Referral

K = Provider.Kind
PROVIDERS = [
    ("InA gGmbH", K.JOB_CENTRE, "Ines Arbeitsmann"),
    ("Turnverein Bad König e. V.", K.CLUB, "Tobias Turner"),
    ("Turn- und Sportverein Höchst e. V.", K.CLUB, "Hanna Hochsprung"),
    ("Sportgemeinschaft Reichelsheim e. V.", K.CLUB, "Stefan Sprinter"),
    ("Fußballverein Mümlingtal e. V.", K.CLUB, "Frank Flanke"),
    ("Sportverein Oberzent e. V.", K.CLUB, "Olga Oberhauser"),
    ("DLRG Ortsgruppe Erbach-Michelstadt", K.CLUB, "Doris Delphin"),
    ("Frauen-Schwimmtreff Odenwald e. V.", K.ASSOCIATION, "Fatima Fluss"),
    ("Evangelisches Dekanat Odenwald", K.ASSOCIATION, "Esther Evers"),
    ("Bürgernetz Willkommen im Odenwald e. V.", K.ASSOCIATION, "Bernd Begegnung"),
    ("Beratungsstelle Migration Odenwald e. V.", K.ASSOCIATION, "Mira Berater"),
    ("Jugendmigrationsdienst Odenwald", K.ASSOCIATION, "Jonas Jugend"),
    ("Lernwerkstatt Odenwald e. V.", K.ASSOCIATION, "Lena Lernhilfe"),
    ("Musikschule Odenwald e. V.", K.ASSOCIATION, "Moritz Melodie"),
    ("Fahrrad-Club Odenwald e. V.", K.CLUB, "Rita Radler"),
    ("Familienzentrum Gersprenztal", K.ASSOCIATION, "Frieda Familie"),
    ("Kreisvolkshochschule Odenwald", K.MUNICIPALITY, "Volker Volkshoch"),
    ("Kreisjugendpflege Odenwaldkreis", K.MUNICIPALITY, "Julia Jugendpflege"),
    ("Tischtennisclub Gersprenz e. V.", K.CLUB, "Tim Topspin"),
    ("Kommunales Job-Center Odenwaldkreis", K.JOB_CENTRE, "Karla Kommunal"),
]

PARTICIPATION = ButCategory.PARTICIPATION
FEMALE = Offer.Gender.FEMALE

# Each kind of offer: where it takes place and who runs it there, and its texts. "{place}" is the
# municipality. Translations: (title, description, schedule) per language.
OFFER_KINDS = [
    {
        "category": "Sport",
        "places": {
            "Bad König": "Turnverein Bad König e. V.",
            "Höchst i. Odw.": "Turn- und Sportverein Höchst e. V.",
            "Reichelsheim": "Sportgemeinschaft Reichelsheim e. V.",
            "Brensbach": "Sportgemeinschaft Reichelsheim e. V.",
        },
        "ages": (3, 6),
        "capacity": 15,
        "fee": ("5.00", "pro Monat"),
        "but": PARTICIPATION,
        "languages": ["de"],
        "de": (
            "Kinderturnen – {place}",
            "Bewegung, Spiel und Turnen für Kinder von 3 bis 6 Jahren. Eltern können beim ersten Mal zuschauen. "
            "Bitte Sportkleidung und etwas zu trinken mitbringen.",
            "dienstags 15:30–16:30 Uhr",
        ),
        "en": (
            "Children's gymnastics – {place}",
            "Exercise, games and gymnastics for children aged 3 to 6. Parents may watch the first time. "
            "Please bring sports clothes and something to drink.",
            "Tuesdays 3:30–4:30 pm",
        ),
        "ar": (
            "جمباز للأطفال – {place}",
            "حركة ولعب وجمباز للأطفال من 3 إلى 6 سنوات. يمكن للوالدين المشاهدة في المرة الأولى. "
            "يرجى إحضار ملابس رياضية وشيء للشرب.",
            "أيام الثلاثاء 15:30–16:30",
        ),
        "fa": (
            "ژیمناستیک کودکان – {place}",
            "حرکت، بازی و ژیمناستیک برای کودکان ۳ تا ۶ ساله. والدین می‌توانند بار اول تماشا کنند. "
            "لطفاً لباس ورزشی و چیزی برای نوشیدن همراه داشته باشید.",
            "سه‌شنبه‌ها ۱۵:۳۰ تا ۱۶:۳۰",
        ),
        "uk": (
            "Дитяча гімнастика – {place}",
            "Рух, ігри та гімнастика для дітей від 3 до 6 років. Батьки можуть подивитися перше заняття. "
            "Візьміть, будь ласка, спортивний одяг і щось попити.",
            "щовівторка 15:30–16:30",
        ),
    },
    {
        "category": "Sport",
        "places": {
            "Breuberg": "Fußballverein Mümlingtal e. V.",
            "Michelstadt": "Fußballverein Mümlingtal e. V.",
            "Erbach": "Fußballverein Mümlingtal e. V.",
            "Oberzent": "Sportverein Oberzent e. V.",
            "Lützelbach": "Sportverein Oberzent e. V.",
        },
        "ages": (6, 12),
        "capacity": 20,
        "fee": ("6.00", "pro Monat"),
        "but": PARTICIPATION,
        "languages": ["de", "ar"],
        "de": (
            "Fußball für Kinder – {place}",
            "Training in gemischten Gruppen für Kinder von 6 bis 12 Jahren. Fußballschuhe sind nicht nötig, "
            "Turnschuhe reichen. Der Verein hilft bei der Anmeldung über Bildung und Teilhabe.",
            "mittwochs und freitags 16:00–17:30 Uhr",
        ),
        "en": (
            "Football for children – {place}",
            "Training in mixed groups for children aged 6 to 12. Football boots are not needed, trainers are fine. "
            "The club helps with the application for education and participation benefits (BuT).",
            "Wednesdays and Fridays 4:00–5:30 pm",
        ),
        "ar": (
            "كرة القدم للأطفال – {place}",
            "تدريب في مجموعات مختلطة للأطفال من 6 إلى 12 سنة. لا حاجة إلى أحذية كرة قدم، تكفي الأحذية الرياضية. "
            "يساعد النادي في طلب دعم التعليم والمشاركة (BuT).",
            "الأربعاء والجمعة 16:00–17:30",
        ),
        "fa": (
            "فوتبال برای کودکان – {place}",
            "تمرین در گروه‌های مختلط برای کودکان ۶ تا ۱۲ ساله. کفش فوتبال لازم نیست، کفش ورزشی کافی است. "
            "باشگاه در درخواست کمک هزینهٔ آموزش و مشارکت (BuT) کمک می‌کند.",
            "چهارشنبه‌ها و جمعه‌ها ۱۶:۰۰ تا ۱۷:۳۰",
        ),
        "uk": (
            "Футбол для дітей – {place}",
            "Тренування у змішаних групах для дітей від 6 до 12 років. Футбольні бутси не потрібні, вистачить "
            "кросівок. Клуб допомагає подати заяву на допомогу «Освіта та участь» (BuT).",
            "щосереди та щоп’ятниці 16:00–17:30",
        ),
    },
    {
        "category": "Schwimmen",
        "places": {
            "Erbach": "DLRG Ortsgruppe Erbach-Michelstadt",
            "Michelstadt": "DLRG Ortsgruppe Erbach-Michelstadt",
            "Höchst i. Odw.": "DLRG Ortsgruppe Erbach-Michelstadt",
        },
        "ages": (6, 14),
        "gender": FEMALE,
        "capacity": 8,
        "fee": ("30.00", "für den ganzen Kurs"),
        "but": PARTICIPATION,
        "languages": ["de", "ar"],
        "until": 120,
        "de": (
            "Schwimmkurs für Mädchen – {place}",
            "Schwimmen lernen in einer reinen Mädchengruppe mit Trainerinnen. Der Kurs endet mit dem "
            "Seepferdchen-Abzeichen. Burkini und Badeanzug sind gleichermaßen willkommen.",
            "samstags 10:00–11:00 Uhr, 10 Termine",
        ),
        "en": (
            "Swimming course for girls – {place}",
            "Learn to swim in a girls-only group with female instructors. The course ends with the "
            "“Seepferdchen” beginner's badge. Burkinis and swimsuits are equally welcome.",
            "Saturdays 10:00–11:00 am, 10 sessions",
        ),
        "ar": (
            "دورة سباحة للبنات – {place}",
            "تعلّم السباحة في مجموعة للبنات فقط مع مدرّبات. تنتهي الدورة بشارة «زيبفيردشن» للمبتدئين. "
            "البوركيني وملابس السباحة مرحّب بهما على حد سواء.",
            "أيام السبت 10:00–11:00، عشرة مواعيد",
        ),
        "fa": (
            "دورهٔ شنا برای دختران – {place}",
            "یادگیری شنا در گروهی فقط برای دختران با مربیان زن. دوره با نشان «زی‌فردشن» برای مبتدیان پایان "
            "می‌یابد. بورکینی و لباس شنا هر دو پذیرفته می‌شوند.",
            "شنبه‌ها ۱۰:۰۰ تا ۱۱:۰۰، ۱۰ جلسه",
        ),
        "uk": (
            "Курс плавання для дівчат – {place}",
            "Навчання плаванню в групі лише для дівчат із тренерками. Курс завершується значком для початківців "
            "«Seepferdchen». Буркіні та купальники однаково вітаються.",
            "щосуботи 10:00–11:00, 10 занять",
        ),
    },
    {
        "category": "Schwimmen",
        "places": {
            "Erbach": "Frauen-Schwimmtreff Odenwald e. V.",
            "Bad König": "Frauen-Schwimmtreff Odenwald e. V.",
            "Michelstadt": "Frauen-Schwimmtreff Odenwald e. V.",
        },
        "ages": (16, None),
        "gender": FEMALE,
        "fee": ("2.50", "Eintritt"),
        "languages": ["de", "ar", "fa"],
        "de": (
            "Schwimmen für Frauen – {place}",
            "Geschützte Schwimmzeit nur für Frauen, mit weiblicher Badeaufsicht und abgehängten Fenstern. "
            "Anfängerinnen bekommen Hilfe.",
            "sonntags 17:00–19:00 Uhr",
        ),
        "en": (
            "Swimming for women – {place}",
            "Protected swimming time for women only, with female lifeguards and covered windows. Beginners get help.",
            "Sundays 5:00–7:00 pm",
        ),
        "ar": (
            "سباحة للنساء – {place}",
            "وقت سباحة محمي للنساء فقط، مع منقذات ونوافذ مغطاة. تحصل المبتدئات على المساعدة.",
            "أيام الأحد 17:00–19:00",
        ),
        "fa": (
            "شنا برای بانوان – {place}",
            "زمان شنای محافظت‌شده فقط برای بانوان، با نجات‌غریق زن و پنجره‌های پوشیده. به تازه‌کارها کمک می‌شود.",
            "یکشنبه‌ها ۱۷:۰۰ تا ۱۹:۰۰",
        ),
        "uk": (
            "Плавання для жінок – {place}",
            "Захищений час плавання лише для жінок, із рятувальницями та закритими вікнами. Початківицям допомагають.",
            "щонеділі 17:00–19:00",
        ),
    },
    {
        "category": "Sprache",
        "places": {
            "Bad König": "Evangelisches Dekanat Odenwald",
            "Reichelsheim": "Evangelisches Dekanat Odenwald",
            "Fränkisch-Crumbach": "Evangelisches Dekanat Odenwald",
            "Brensbach": "Evangelisches Dekanat Odenwald",
            "Erbach": "Bürgernetz Willkommen im Odenwald e. V.",
            "Michelstadt": "Bürgernetz Willkommen im Odenwald e. V.",
            "Breuberg": "Bürgernetz Willkommen im Odenwald e. V.",
            "Oberzent": "Bürgernetz Willkommen im Odenwald e. V.",
            "Mossautal": "Bürgernetz Willkommen im Odenwald e. V.",
            "Lützelbach": "Bürgernetz Willkommen im Odenwald e. V.",
        },
        "ages": (16, None),
        "languages": ["de", "ar", "fa", "prs", "uk", "ti"],
        "de": (
            "Sprachcafé – {place}",
            "Deutsch sprechen üben bei Kaffee und Tee, ohne Anmeldung und ohne Vorkenntnisse. Ehrenamtliche helfen "
            "auch bei Briefen und Formularen.",
            "donnerstags 17:00–19:00 Uhr",
        ),
        "en": (
            "Language café – {place}",
            "Practise speaking German over coffee and tea, no registration and no previous knowledge needed. "
            "Volunteers also help with letters and forms.",
            "Thursdays 5:00–7:00 pm",
        ),
        "ar": (
            "مقهى اللغة – {place}",
            "تدرّب على التحدث بالألمانية مع القهوة والشاي، بدون تسجيل وبدون معرفة مسبقة. يساعد المتطوعون أيضًا في "
            "الرسائل والاستمارات.",
            "أيام الخميس 17:00–19:00",
        ),
        "fa": (
            "کافهٔ زبان – {place}",
            "تمرین صحبت به زبان آلمانی با قهوه و چای، بدون ثبت‌نام و بدون نیاز به دانش قبلی. داوطلبان در نامه‌ها و "
            "فرم‌ها هم کمک می‌کنند.",
            "پنجشنبه‌ها ۱۷:۰۰ تا ۱۹:۰۰",
        ),
        "uk": (
            "Мовне кафе – {place}",
            "Практика розмовної німецької за кавою та чаєм, без реєстрації та без попередніх знань. Волонтери також "
            "допомагають із листами та формулярами.",
            "щочетверга 17:00–19:00",
        ),
        "tr": (
            "Dil kafesi – {place}",
            "Kahve ve çay eşliğinde Almanca konuşma pratiği; kayıt ve ön bilgi gerekmez. Gönüllüler mektup ve "
            "formlarda da yardım eder.",
            "Perşembe 17:00–19:00",
        ),
    },
    {
        "category": "Arbeit und Qualifizierung",
        "places": {"Erbach": "InA gGmbH"},
        "ages": (18, 64),
        "capacity": 60,
        "duration_months": 12,
        "languages": ["de", "ar", "fa", "en", "tr"],
        "since": 400,
        "until": 530,
        "address": "Am Güterbahnhof 4",
        "de": (
            "MInA – Migranten-Integration in Arbeit",
            "Zwölfmonatiges Programm der InA gGmbH für Geflüchtete, die Arbeit oder Ausbildung suchen: "
            "Bewerbungscoaching, Praktika in Betrieben der Region, berufsbezogenes Deutsch und Begleitung in den "
            "ersten Monaten im Job. 60 Plätze, Zuweisung über das Kommunale Job-Center.",
            "Montag bis Freitag 8:30–13:00 Uhr, 12 Monate",
        ),
        "en": (
            "MInA – Migrants' Integration into Work",
            "Twelve-month programme by InA gGmbH for refugees looking for work or vocational training: application "
            "coaching, work placements with local employers, job-related German and support during the first months "
            "at work. 60 places, assigned through the municipal job centre (KJC).",
            "Monday to Friday 8:30 am–1:00 pm, 12 months",
        ),
        "ar": (
            "MInA – دمج المهاجرين في العمل",
            "برنامج مدته اثنا عشر شهرًا تقدمه InA gGmbH للاجئين الباحثين عن عمل أو تدريب مهني: تدريب على طلبات "
            "التوظيف، وتدريب عملي في شركات المنطقة، ولغة ألمانية مهنية، ومرافقة في الأشهر الأولى من العمل. "
            "60 مكانًا، ويتم التخصيص عن طريق مركز العمل البلدي (KJC).",
            "من الاثنين إلى الجمعة 8:30–13:00، لمدة 12 شهرًا",
        ),
        "fa": (
            "MInA – ادغام مهاجران در کار",
            "برنامهٔ دوازده‌ماههٔ InA gGmbH برای پناهجویانی که به دنبال کار یا آموزش حرفه‌ای هستند: مربیگری برای "
            "درخواست کار، کارآموزی در شرکت‌های منطقه، آلمانی شغلی و همراهی در ماه‌های اول کار. ۶۰ جا، معرفی از "
            "طریق مرکز کاریابی شهری (KJC).",
            "دوشنبه تا جمعه ۸:۳۰ تا ۱۳:۰۰، ۱۲ ماه",
        ),
        "uk": (
            "MInA – інтеграція мігрантів у роботу",
            "Дванадцятимісячна програма InA gGmbH для біженців, які шукають роботу або професійне навчання: коучинг "
            "із працевлаштування, практика на підприємствах регіону, професійна німецька та супровід у перші місяці "
            "роботи. 60 місць, направлення через комунальний центр зайнятості (KJC).",
            "з понеділка по п’ятницю 8:30–13:00, 12 місяців",
        ),
        "tr": (
            "MInA – Göçmenlerin İşe Entegrasyonu",
            "InA gGmbH'nin iş veya meslek eğitimi arayan mülteciler için on iki aylık programı: başvuru koçluğu, "
            "bölgedeki işletmelerde staj, mesleki Almanca ve işteki ilk aylarda destek. 60 kişilik kontenjan, "
            "yönlendirme belediye iş merkezi (KJC) üzerinden yapılır.",
            "Pazartesi–Cuma 8:30–13:00, 12 ay",
        ),
    },
    {
        "category": "Beratung",
        "places": {
            "Erbach": "Beratungsstelle Migration Odenwald e. V.",
            "Michelstadt": "Beratungsstelle Migration Odenwald e. V.",
            "Höchst i. Odw.": "Beratungsstelle Migration Odenwald e. V.",
        },
        "ages": (27, None),
        "languages": ["de", "ar", "fa", "ru", "en"],
        "de": (
            "Migrationsberatung für Erwachsene – {place}",
            "Kostenlose Beratung zu Aufenthalt, Sprachkursen, Anerkennung von Abschlüssen, Wohnen und Familie. "
            "Termine nach Vereinbarung, auf Wunsch mit Dolmetscherin oder Dolmetscher.",
            "Sprechstunde montags 9:00–12:00 Uhr",
        ),
        "en": (
            "Migration counselling for adults – {place}",
            "Free counselling on residence, language courses, recognition of qualifications, housing and family. "
            "Appointments by arrangement, with an interpreter if you wish.",
            "Drop-in hours Mondays 9:00 am–12:00 noon",
        ),
        "ar": (
            "استشارات الهجرة للبالغين – {place}",
            "استشارة مجانية حول الإقامة ودورات اللغة والاعتراف بالشهادات والسكن والأسرة. المواعيد بالاتفاق، ومع مترجم "
            "أو مترجمة عند الرغبة.",
            "ساعات الاستقبال أيام الاثنين 9:00–12:00",
        ),
        "fa": (
            "مشاورهٔ مهاجرت برای بزرگسالان – {place}",
            "مشاورهٔ رایگان دربارهٔ اقامت، کلاس‌های زبان، به رسمیت شناختن مدارک، مسکن و خانواده. وقت ملاقات با "
            "هماهنگی، در صورت تمایل با مترجم.",
            "ساعت مراجعه دوشنبه‌ها ۹:۰۰ تا ۱۲:۰۰",
        ),
        "uk": (
            "Міграційна консультація для дорослих – {place}",
            "Безкоштовні консультації щодо перебування, мовних курсів, визнання дипломів, житла та сім’ї. Зустрічі "
            "за домовленістю, за бажанням – з перекладачем.",
            "прийомні години щопонеділка 9:00–12:00",
        ),
    },
    {
        "category": "Beratung",
        "places": {"Michelstadt": "Jugendmigrationsdienst Odenwald", "Erbach": "Jugendmigrationsdienst Odenwald"},
        "ages": (12, 26),
        "languages": ["de", "ar", "fa", "en"],
        "de": (
            "Jugendmigrationsdienst – {place}",
            "Beratung für junge Menschen von 12 bis 26 Jahren zu Schule, Ausbildung, Sprachkursen und Freizeit. "
            "Auch Eltern sind willkommen.",
            "dienstags und donnerstags 13:00–17:00 Uhr",
        ),
        "en": (
            "Youth migration service – {place}",
            "Counselling for young people aged 12 to 26 on school, vocational training, language courses and "
            "leisure. Parents are welcome too.",
            "Tuesdays and Thursdays 1:00–5:00 pm",
        ),
        "ar": (
            "خدمة هجرة الشباب – {place}",
            "استشارات للشباب من 12 إلى 26 سنة حول المدرسة والتدريب المهني ودورات اللغة وأوقات الفراغ. الوالدان "
            "مرحّب بهما أيضًا.",
            "الثلاثاء والخميس 13:00–17:00",
        ),
        "fa": (
            "خدمات مهاجرت جوانان – {place}",
            "مشاوره برای جوانان ۱۲ تا ۲۶ ساله دربارهٔ مدرسه، آموزش حرفه‌ای، کلاس‌های زبان و اوقات فراغت. والدین هم "
            "خوش آمده‌اند.",
            "سه‌شنبه‌ها و پنجشنبه‌ها ۱۳:۰۰ تا ۱۷:۰۰",
        ),
        "uk": (
            "Молодіжна міграційна служба – {place}",
            "Консультації для молоді від 12 до 26 років щодо школи, професійного навчання, мовних курсів і дозвілля. "
            "Батьки також можуть прийти.",
            "щовівторка та щочетверга 13:00–17:00",
        ),
    },
    {
        "category": "Bildung",
        "places": {
            "Michelstadt": "Lernwerkstatt Odenwald e. V.",
            "Breuberg": "Lernwerkstatt Odenwald e. V.",
            "Höchst i. Odw.": "Lernwerkstatt Odenwald e. V.",
            "Reichelsheim": "Lernwerkstatt Odenwald e. V.",
            "Lützelbach": "Lernwerkstatt Odenwald e. V.",
        },
        "ages": (6, 16),
        "capacity": 10,
        "fee": ("10.00", "pro Monat"),
        "but": ButCategory.TUTORING,
        "languages": ["de", "ar"],
        "de": (
            "Hausaufgabenhilfe und Lernförderung – {place}",
            "Lehrkräfte im Ruhestand und Studierende helfen bei Hausaufgaben, Deutsch und Mathematik in kleinen "
            "Gruppen. Die Kosten der Lernförderung übernimmt auf Antrag Bildung und Teilhabe.",
            "montags bis donnerstags 14:00–16:00 Uhr",
        ),
        "en": (
            "Homework help and tutoring – {place}",
            "Retired teachers and students help with homework, German and maths in small groups. Education and "
            "participation benefits (BuT) cover the cost of tutoring on application.",
            "Mondays to Thursdays 2:00–4:00 pm",
        ),
        "ar": (
            "مساعدة في الواجبات المدرسية ودروس تقوية – {place}",
            "يساعد معلمون متقاعدون وطلاب جامعيون في الواجبات المدرسية واللغة الألمانية والرياضيات ضمن مجموعات صغيرة. "
            "يغطي دعم التعليم والمشاركة (BuT) تكاليف دروس التقوية عند تقديم طلب.",
            "من الاثنين إلى الخميس 14:00–16:00",
        ),
        "fa": (
            "کمک در تکالیف مدرسه و کلاس تقویتی – {place}",
            "معلمان بازنشسته و دانشجویان در گروه‌های کوچک در تکالیف، زبان آلمانی و ریاضی کمک می‌کنند. هزینهٔ کلاس "
            "تقویتی با درخواست از طریق کمک هزینهٔ آموزش و مشارکت (BuT) پرداخت می‌شود.",
            "دوشنبه تا پنجشنبه ۱۴:۰۰ تا ۱۶:۰۰",
        ),
        "uk": (
            "Допомога з домашніми завданнями та репетиторство – {place}",
            "Вчителі на пенсії та студенти допомагають із домашніми завданнями, німецькою та математикою в малих "
            "групах. Витрати на репетиторство за заявою покриває допомога «Освіта та участь» (BuT).",
            "з понеділка по четвер 14:00–16:00",
        ),
    },
    {
        "category": "Musik und Kultur",
        "places": {
            "Michelstadt": "Musikschule Odenwald e. V.",
            "Erbach": "Musikschule Odenwald e. V.",
            "Bad König": "Musikschule Odenwald e. V.",
        },
        "ages": (6, 17),
        "capacity": 6,
        "fee": ("25.00", "pro Monat"),
        "but": PARTICIPATION,
        "languages": ["de", "en"],
        "de": (
            "Ein Instrument lernen – {place}",
            "Gitarre, Geige, Klavier oder Trommel in Kleingruppen. Leihinstrumente sind vorhanden. Der Monatsbeitrag "
            "kann über Bildung und Teilhabe bezahlt werden.",
            "nach Absprache, einmal pro Woche 45 Minuten",
        ),
        "en": (
            "Learn an instrument – {place}",
            "Guitar, violin, piano or drums in small groups. Instruments can be borrowed. The monthly fee can be "
            "paid through education and participation benefits (BuT).",
            "by arrangement, once a week for 45 minutes",
        ),
        "ar": (
            "تعلّم العزف على آلة موسيقية – {place}",
            "غيتار أو كمان أو بيانو أو طبل في مجموعات صغيرة. تتوفر آلات للإعارة. يمكن دفع الاشتراك الشهري عن طريق "
            "دعم التعليم والمشاركة (BuT).",
            "حسب الاتفاق، مرة في الأسبوع لمدة 45 دقيقة",
        ),
        "fa": (
            "یادگیری ساز – {place}",
            "گیتار، ویولن، پیانو یا طبل در گروه‌های کوچک. ساز امانی موجود است. شهریهٔ ماهانه را می‌توان از طریق "
            "کمک هزینهٔ آموزش و مشارکت (BuT) پرداخت کرد.",
            "با هماهنگی، هفته‌ای یک بار ۴۵ دقیقه",
        ),
        "uk": (
            "Навчитися грати на інструменті – {place}",
            "Гітара, скрипка, фортепіано або барабан у малих групах. Інструменти можна взяти напрокат. Щомісячний "
            "внесок можна оплатити через допомогу «Освіта та участь» (BuT).",
            "за домовленістю, раз на тиждень по 45 хвилин",
        ),
    },
    {
        "category": "Freizeit und Begegnung",
        "places": {"Brombachtal": "Fahrrad-Club Odenwald e. V.", "Erbach": "Fahrrad-Club Odenwald e. V."},
        "ages": (16, None),
        "gender": FEMALE,
        "capacity": 10,
        "languages": ["de", "ar", "fa"],
        "until": 150,
        "de": (
            "Fahrradkurs für Frauen – {place}",
            "Radfahren lernen oder sicherer werden, mit Verkehrsregeln und kleinen Touren. Räder und Helme werden "
            "gestellt.",
            "samstags 14:00–16:00 Uhr, 6 Termine",
        ),
        "en": (
            "Cycling course for women – {place}",
            "Learn to ride a bike or become more confident, with traffic rules and short rides. Bikes and helmets "
            "are provided.",
            "Saturdays 2:00–4:00 pm, 6 sessions",
        ),
        "ar": (
            "دورة ركوب الدراجات للنساء – {place}",
            "تعلّمي ركوب الدراجة أو اكتسبي ثقة أكبر، مع قواعد المرور وجولات قصيرة. تُوفَّر الدراجات والخوذ.",
            "أيام السبت 14:00–16:00، ستة مواعيد",
        ),
        "fa": (
            "دورهٔ دوچرخه‌سواری برای بانوان – {place}",
            "یادگیری دوچرخه‌سواری یا مطمئن‌تر شدن، همراه با قوانین رانندگی و گردش‌های کوتاه. دوچرخه و کلاه ایمنی در "
            "اختیار گذاشته می‌شود.",
            "شنبه‌ها ۱۴:۰۰ تا ۱۶:۰۰، ۶ جلسه",
        ),
        "uk": (
            "Курс їзди на велосипеді для жінок – {place}",
            "Навчитися їздити на велосипеді або почуватися впевненіше: правила дорожнього руху та невеликі поїздки. "
            "Велосипеди та шоломи надаються.",
            "щосуботи 14:00–16:00, 6 занять",
        ),
    },
    {
        "category": "Freizeit und Begegnung",
        "places": {
            "Brensbach": "Familienzentrum Gersprenztal",
            "Brombachtal": "Familienzentrum Gersprenztal",
            "Mossautal": "Familienzentrum Gersprenztal",
            "Fränkisch-Crumbach": "Familienzentrum Gersprenztal",
        },
        "languages": ["de", "ar", "uk"],
        "de": (
            "Begegnungscafé für Familien – {place}",
            "Treffpunkt für Familien aus aller Welt und Nachbarinnen und Nachbarn: Spielecke für Kinder, Kaffee und "
            "Kuchen, Austausch über den Alltag im Ort.",
            "jeden ersten Sonntag im Monat 15:00–17:00 Uhr",
        ),
        "en": (
            "Meeting café for families – {place}",
            "A meeting place for families from all over the world and their neighbours: play corner for children, "
            "coffee and cake, exchange about everyday life in the village.",
            "first Sunday of every month, 3:00–5:00 pm",
        ),
        "ar": (
            "مقهى لقاء للعائلات – {place}",
            "مكان لقاء للعائلات من جميع أنحاء العالم وللجيران: ركن للعب الأطفال، وقهوة وكعك، وتبادل الحديث عن الحياة "
            "اليومية في البلدة.",
            "أول يوم أحد من كل شهر 15:00–17:00",
        ),
        "fa": (
            "کافهٔ دیدار برای خانواده‌ها – {place}",
            "محل دیدار خانواده‌ها از سراسر جهان و همسایگان: گوشهٔ بازی برای کودکان، قهوه و کیک، گفت‌وگو دربارهٔ "
            "زندگی روزمره در محل.",
            "اولین یکشنبهٔ هر ماه ۱۵:۰۰ تا ۱۷:۰۰",
        ),
        "uk": (
            "Кафе зустрічей для сімей – {place}",
            "Місце зустрічі для сімей з усього світу та сусідів: ігровий куточок для дітей, кава й пиріг, розмови "
            "про повсякденне життя в громаді.",
            "щопершої неділі місяця 15:00–17:00",
        ),
    },
    {
        # on purpose with an English translation only: the directory shows German for the rest
        "category": "Arbeit und Qualifizierung",
        "places": {
            "Erbach": "Kreisvolkshochschule Odenwald",
            "Michelstadt": "Kreisvolkshochschule Odenwald",
            "Höchst i. Odw.": "Kreisvolkshochschule Odenwald",
        },
        "ages": (18, None),
        "capacity": 12,
        "languages": ["de"],
        "until": 90,
        "de": (
            "Bewerbungstraining – {place}",
            "Lebenslauf schreiben, Anschreiben vorbereiten und Vorstellungsgespräche üben. Bitte Zeugnisse "
            "mitbringen, wenn vorhanden.",
            "mittwochs 9:00–12:00 Uhr, 4 Termine",
        ),
        "en": (
            "Job application training – {place}",
            "Write a CV, prepare cover letters and practise job interviews. Please bring certificates if you have "
            "them.",
            "Wednesdays 9:00 am–12:00 noon, 4 sessions",
        ),
    },
    {
        "category": "Kinder und Jugend",
        "places": {
            "Oberzent": "Kreisjugendpflege Odenwaldkreis",
            "Lützelbach": "Kreisjugendpflege Odenwaldkreis",
            "Breuberg": "Kreisjugendpflege Odenwaldkreis",
            "Bad König": "Kreisjugendpflege Odenwaldkreis",
        },
        "ages": (10, 17),
        "languages": ["de", "en"],
        "de": (
            "Kinder- und Jugendtreff – {place}",
            "Offener Treff mit Spielen, Kicker, Musik und Ausflügen in den Ferien. Einfach vorbeikommen.",
            "montags, mittwochs und freitags 15:00–19:00 Uhr",
        ),
        "en": (
            "Children's and youth club – {place}",
            "Open club with games, table football, music and trips during the holidays. Just drop in.",
            "Mondays, Wednesdays and Fridays 3:00–7:00 pm",
        ),
        "ar": (
            "نادي الأطفال والشباب – {place}",
            "نادٍ مفتوح فيه ألعاب وكرة قدم الطاولة وموسيقى ورحلات في العطل. تعال ببساطة.",
            "الاثنين والأربعاء والجمعة 15:00–19:00",
        ),
        "fa": (
            "باشگاه کودکان و نوجوانان – {place}",
            "محل دیدار آزاد با بازی، فوتبال دستی، موسیقی و گردش در تعطیلات. کافی است سر بزنید.",
            "دوشنبه‌ها، چهارشنبه‌ها و جمعه‌ها ۱۵:۰۰ تا ۱۹:۰۰",
        ),
        "uk": (
            "Клуб для дітей і молоді – {place}",
            "Відкритий клуб з іграми, настільним футболом, музикою та екскурсіями під час канікул. Просто приходьте.",
            "щопонеділка, щосереди та щоп’ятниці 15:00–19:00",
        ),
    },
    {
        "category": "Sprache",
        "places": {
            "Michelstadt": "Kreisvolkshochschule Odenwald",
            "Erbach": "Kreisvolkshochschule Odenwald",
            "Reichelsheim": "Kreisvolkshochschule Odenwald",
        },
        "ages": (18, None),
        "gender": FEMALE,
        "capacity": 12,
        "languages": ["de", "ar", "fa"],
        "de": (
            "Deutschkurs für Mütter mit Kinderbetreuung – {place}",
            "Deutsch lernen in kleiner Gruppe, während die Kinder nebenan betreut werden. Einstieg jederzeit möglich.",
            "dienstags und donnerstags 9:00–11:30 Uhr",
        ),
        "en": (
            "German course for mothers with childcare – {place}",
            "Learn German in a small group while your children are looked after next door. You can join at any time.",
            "Tuesdays and Thursdays 9:00–11:30 am",
        ),
        "ar": (
            "دورة لغة ألمانية للأمهات مع رعاية الأطفال – {place}",
            "تعلّمي الألمانية في مجموعة صغيرة بينما يُعتنى بأطفالك في الغرفة المجاورة. يمكن البدء في أي وقت.",
            "الثلاثاء والخميس 9:00–11:30",
        ),
        "fa": (
            "کلاس آلمانی برای مادران همراه با نگهداری از کودک – {place}",
            "یادگیری آلمانی در گروه کوچک، در حالی که از کودکان در اتاق کناری نگهداری می‌شود. شروع در هر زمان ممکن است.",
            "سه‌شنبه‌ها و پنجشنبه‌ها ۹:۰۰ تا ۱۱:۳۰",
        ),
        "uk": (
            "Курс німецької для матерів із доглядом за дітьми – {place}",
            "Вивчайте німецьку в малій групі, поки за дітьми доглядають у сусідній кімнаті. Приєднатися можна "
            "будь-коли.",
            "щовівторка та щочетверга 9:00–11:30",
        ),
    },
    {
        # on purpose without translations: the directory shows the German text, marked as such
        "category": "Vereinsleben",
        "places": {
            "Brensbach": "Tischtennisclub Gersprenz e. V.",
            "Mossautal": "Tischtennisclub Gersprenz e. V.",
            "Fränkisch-Crumbach": "Tischtennisclub Gersprenz e. V.",
        },
        "ages": (8, 17),
        "capacity": 12,
        "fee": ("4.00", "pro Monat"),
        "but": PARTICIPATION,
        "languages": ["de"],
        "de": (
            "Tischtennis für Kinder und Jugendliche – {place}",
            "Training für Anfängerinnen und Anfänger, Schläger werden gestellt. Der Vereinsbeitrag kann über Bildung "
            "und Teilhabe bezahlt werden.",
            "freitags 17:00–18:30 Uhr",
        ),
    },
    {
        "category": "Beratung",
        "places": {
            "Erbach": "Kommunales Job-Center Odenwaldkreis",
            "Michelstadt": "Kommunales Job-Center Odenwaldkreis",
        },
        "languages": ["de", "ar", "en"],
        "de": (
            "Beratung zu Bildung und Teilhabe – {place}",
            "Das Kommunale Job-Center erklärt, welche Leistungen es für Schulausflüge, Schulbedarf, Mittagessen, "
            "Lernförderung und Vereinsbeiträge gibt, und hilft beim Antrag.",
            "donnerstags 14:00–16:00 Uhr",
        ),
        "en": (
            "Advice on education and participation benefits – {place}",
            "The municipal job centre explains which benefits are available for school trips, school supplies, "
            "lunch, tutoring and club fees, and helps with the application.",
            "Thursdays 2:00–4:00 pm",
        ),
        "ar": (
            "استشارة حول دعم التعليم والمشاركة – {place}",
            "يشرح مركز العمل البلدي الإعانات المتاحة للرحلات المدرسية واللوازم المدرسية ووجبة الغداء ودروس التقوية "
            "واشتراكات النوادي، ويساعد في تقديم الطلب.",
            "أيام الخميس 14:00–16:00",
        ),
        "fa": (
            "مشاوره دربارهٔ کمک هزینهٔ آموزش و مشارکت – {place}",
            "مرکز کاریابی شهری توضیح می‌دهد چه کمک‌هایی برای اردوهای مدرسه، لوازم مدرسه، ناهار، کلاس تقویتی و حق "
            "عضویت باشگاه وجود دارد و در درخواست کمک می‌کند.",
            "پنجشنبه‌ها ۱۴:۰۰ تا ۱۶:۰۰",
        ),
        "uk": (
            "Консультація щодо допомоги «Освіта та участь» – {place}",
            "Комунальний центр зайнятості пояснює, яка допомога передбачена на шкільні екскурсії, шкільне приладдя, "
            "обіди, репетиторство та членські внески клубів, і допомагає подати заяву.",
            "щочетверга 14:00–16:00",
        ),
    },
]

TRANSLATED = ["en", "ar", "fa", "uk", "tr", "ti"]
#: the course that is full in the demo, so that its waiting list has people on it
SMALL_COURSE = ("Bewerbungstraining – {place}", "Höchst i. Odw.", 2)


def _isolated(place: str, lang: str) -> str:
    """A German place name inside right-to-left text, isolated so that its final full stop
    ("Höchst i. Odw.") stays where it belongs (Unicode FIRST STRONG ISOLATE … POP ISOLATE)."""
    return f"\u2068{place}\u2069" if lang in ("ar", "fa") else place


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def seed_offers() -> list[Offer]:
    today = timezone.localdate()
    municipalities = demo_municipalities()
    providers = {}
    for name, kind, person in PROVIDERS:
        slug = slugify(name.replace("e. V.", ""))[:40]
        providers[name], _created = Provider.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "contact_person": person, "email": f"kontakt@{slug}.invalid"},
        )
    # the data migration creates the categories; they are recreated here should they be missing
    categories = {name: Category.objects.get_or_create(name=name)[0] for name in {k["category"] for k in OFFER_KINDS}}
    languages = {lang.code: lang for lang in Language.objects.all()}
    offers = []
    for kind in OFFER_KINDS:
        for place, provider_name in kind["places"].items():
            provider = providers[provider_name]
            title, description, schedule = kind["de"]
            title = title.format(place=place)
            offer = Offer.objects.filter(title=title, provider=provider).first()
            if offer is None:
                fee, fee_note = kind.get("fee", ("0", ""))
                min_age, max_age = kind.get("ages", (None, None))
                capacity = kind.get("capacity")
                if (kind["de"][0], place) == SMALL_COURSE[:2]:
                    capacity = SMALL_COURSE[2]
                offer = Offer.objects.create(
                    title=title,
                    description=description,
                    schedule=schedule,
                    category=categories[kind["category"]],
                    provider=provider,
                    municipality=municipalities[place],
                    address=kind.get("address", ""),
                    min_age=min_age,
                    max_age=max_age,
                    gender=kind.get("gender", Offer.Gender.ALL),
                    capacity=capacity,
                    duration_months=kind.get("duration_months"),
                    fee=Decimal(fee),
                    fee_note=fee_note,
                    but_eligible=bool(kind.get("but")),
                    but_category=kind.get("but", ""),
                    contact_name=provider.contact_person,
                    contact_email=provider.email,
                    active_from=today - datetime.timedelta(days=kind.get("since", 60)),
                    active_until=today + datetime.timedelta(days=kind["until"]) if "until" in kind else None,
                )
                offer.languages.set([languages[c] for c in kind["languages"] if c in languages])
                OfferTranslation.objects.bulk_create(
                    OfferTranslation(
                        offer=offer,
                        language=lang,
                        title=kind[lang][0].format(place=_isolated(place, lang)),
                        description=kind[lang][1],
                        schedule=kind[lang][2],
                    )
                    for lang in TRANSLATED
                    if lang in kind
                )
            offers.append(offer)
    return offers


def _consent(client, provider, user):
    """The client's consent to pass data to the provider (the demo assumes it was signed)."""
    if services.has_provider_consent(client, provider.pk):
        return
    Consent.objects.create(
        client=client,
        recipient_kind=Consent.RecipientKind.PROVIDER,
        recipient_provider=provider,
        data_categories=[DataCategory.IDENTITY, DataCategory.CONTACT],
        purpose=f"Anmeldung bei „{provider.name}“",
        given_on=timezone.localdate() - datetime.timedelta(days=30),
        created_by=user,
    )


def _fits(offer, client):
    return not offer.restriction_problems(client)


def seed_referrals(offers: list[Offer], stdout=None) -> int:
    clients = list(Client.objects.order_by("created_at", "pk")[:300])
    user = User.objects.filter(role=Role.CASEWORKER).order_by("email").first()
    if not clients or user is None:
        _say(stdout, "Angebote: keine Klient:innen – keine Vermittlungen angelegt.")
        return 0
    if Referral.objects.exists():
        return 0
    today = timezone.localdate()
    adults = [c for c in clients if c.age_on(today) >= 18]
    children = [c for c in clients if c.age_on(today) < 18][:12]
    by_title = {offer.title: offer for offer in offers}

    def refer(offer, client, *, register=True, then=()):
        if offer is None or not _fits(offer, client):
            return None
        if register:
            _consent(client, offer.provider, user)
        referral = services.create_referral(offer=offer, client=client, user=user, register=register)
        for status in then:
            referral, _promoted = services.change_referral_status(referral=referral, status=status, user=user)
        return referral

    # The full course: two places, four people. One drops out, the first on the list moves up.
    course = by_title.get(SMALL_COURSE[0].format(place=SMALL_COURSE[1]))
    if course and len(adults) >= 2:
        first, second, *waiting = adults[:4]
        refer(course, first, then=[Referral.Status.PARTICIPATING])
        dropping = refer(course, second)
        for client in waiting:
            refer(course, client)
        services.change_referral_status(
            referral=dropping, status=Referral.Status.CANCELLED, user=user, note="Arbeit aufgenommen"
        )

    # MInA: registered, taking part, completed; language cafés: only suggested.
    mina = by_title.get("MInA – Migranten-Integration in Arbeit")
    for index, client in enumerate(adults[4:12]):
        then = [[], [Referral.Status.PARTICIPATING], [Referral.Status.PARTICIPATING, Referral.Status.COMPLETED]]
        refer(mina, client, then=then[index % 3])
    if mina is not None:
        # Who takes part started eleven months ago, so their end is near (the worklist "Maßnahmen,
        # die enden"); who completed has an outcome (counted in the statistics).
        begun = today - datetime.timedelta(days=340)
        mina.referrals.filter(status=Referral.Status.PARTICIPATING).update(
            started_on=begun, planned_end_on=add_months(begun, mina.duration_months)
        )
        outcomes = [Referral.Outcome.WORK, Referral.Outcome.TRAINING, Referral.Outcome.FURTHER_COURSE]
        for referral, outcome in zip(
            mina.referrals.filter(status=Referral.Status.COMPLETED).order_by("pk"), outcomes, strict=False
        ):
            referral.outcome = outcome
            referral.save(update_fields=["outcome", "updated_at"])
    cafes = [o for o in offers if o.title.startswith("Sprachcafé")]
    for index, client in enumerate(adults[:10]):
        refer(cafes[index % len(cafes)], client, register=False)

    # Children: swimming for girls, football, homework help; BuT applications from some of them.
    swimming = [o for o in offers if o.title.startswith("Schwimmkurs für Mädchen")]
    football = [o for o in offers if o.title.startswith("Fußball für Kinder")]
    homework = [o for o in offers if o.title.startswith("Hausaufgabenhilfe")]
    started = []
    for index, child in enumerate(children):
        for choices in (swimming, football, homework):
            if not choices:
                continue
            offer = next((o for o in choices[index % len(choices) :] + choices if _fits(o, child)), None)
            if offer is not None:
                referral = refer(offer, child, then=[Referral.Status.PARTICIPATING] if index % 2 else [])
                if referral and offer.but_eligible and len(started) < 4:
                    started.append(services.start_but_application(referral=referral, user=user))
                break
    seed_but(started, children, user)
    count = Referral.objects.count()
    _say(stdout, f"Angebote: {count} Vermittlungen angelegt.")
    return count


def seed_but(started: list[ButApplication], children: list[Client], user) -> None:
    """BuT applications in every status; one approved period ends within 30 days."""
    today = timezone.localdate()
    end = today + datetime.timedelta(days=20)
    start = (end - datetime.timedelta(days=330)).replace(day=1)
    for index, application in enumerate(started):
        if index == 0:
            services.change_but_status(application=application, status=ButApplication.Status.APPLIED)
            services.change_but_status(
                application=application,
                status=ButApplication.Status.APPROVED,
                period_from=start,
                period_until=end,
            )
            application = ButApplication.objects.prefetch_related("expenses").get(pk=application.pk)
            budget = but.budget_for(application, but.participation_rates())
            if budget is not None and budget.left >= Decimal("60.00"):
                services.record_but_expense(
                    application=application,
                    amount=Decimal("60.00"),
                    spent_on=start + datetime.timedelta(days=14),
                    purpose="Vereinsbeitrag erstes Halbjahr",
                    user=user,
                )
        elif index == 1:
            services.change_but_status(application=application, status=ButApplication.Status.APPLIED)
    for index, child in enumerate(children[:2]):
        if index == 0:
            ButApplication.objects.create(
                child=child,
                category=ButCategory.SCHOOL_TRIP,
                amount=Decimal("180.00"),
                status=ButApplication.Status.REJECTED,
                advised_on=today - datetime.timedelta(days=60),
                applied_on=today - datetime.timedelta(days=55),
                decided_on=today - datetime.timedelta(days=20),
                note="Klassenfahrt lag vor dem Antrag; neuer Antrag für die nächste Fahrt.",
                created_by=user,
            )
        else:
            ButApplication.objects.create(
                child=child,
                category=ButCategory.SCHOOL_SUPPLIES,
                amount=Decimal("195.00"),
                status=ButApplication.Status.APPROVED,
                advised_on=today - datetime.timedelta(days=100),
                applied_on=today - datetime.timedelta(days=95),
                decided_on=today - datetime.timedelta(days=80),
                period_from=today.replace(month=1, day=1),
                period_until=today.replace(month=12, day=31),
                created_by=user,
            )


def seed(stdout=None) -> None:
    offers = seed_offers()
    _say(stdout, f"Angebote: {Provider.objects.count()} Träger, {len(offers)} Angebote.")
    seed_referrals(offers, stdout)
