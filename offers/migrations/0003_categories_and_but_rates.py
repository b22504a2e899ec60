from datetime import date
from decimal import Decimal

from django.db import migrations

# Master data every installation needs; administrators edit it in /admin/.
CATEGORIES = [
    ("Sport", 10, {"en": "Sport", "ar": "رياضة", "fa": "ورزش", "uk": "Спорт", "tr": "Spor"}),
    ("Schwimmen", 20, {"en": "Swimming", "ar": "سباحة", "fa": "شنا", "uk": "Плавання", "tr": "Yüzme"}),
    ("Sprache", 30, {"en": "Language", "ar": "اللغة", "fa": "زبان", "uk": "Мова", "tr": "Dil"}),
    ("Bildung", 40, {"en": "Education", "ar": "التعليم", "fa": "آموزش", "uk": "Освіта", "tr": "Eğitim"}),
    (
        "Arbeit und Qualifizierung",
        50,
        {
            "en": "Work and training",
            "ar": "العمل والتأهيل",
            "fa": "کار و آموزش حرفه‌ای",
            "uk": "Робота і кваліфікація",
            "tr": "İş ve mesleki eğitim",
        },
    ),
    ("Beratung", 60, {"en": "Counselling", "ar": "الاستشارة", "fa": "مشاوره", "uk": "Консультації", "tr": "Danışmanlık"}),
    (
        "Kinder und Jugend",
        70,
        {
            "en": "Children and young people",
            "ar": "الأطفال والشباب",
            "fa": "کودکان و نوجوانان",
            "uk": "Діти та молодь",
            "tr": "Çocuk ve gençlik",
        },
    ),
    (
        "Freizeit und Begegnung",
        80,
        {
            "en": "Leisure and meeting people",
            "ar": "الترفيه واللقاءات",
            "fa": "اوقات فراغت و دیدار",
            "uk": "Дозвілля та зустрічі",
            "tr": "Boş zaman ve buluşma",
        },
    ),
    ("Vereinsleben", 90, {"en": "Club life", "ar": "الحياة في النوادي", "fa": "زندگی انجمنی", "uk": "Життя в клубах", "tr": "Dernek hayatı"}),
    (
        "Musik und Kultur",
        100,
        {"en": "Music and culture", "ar": "الموسيقى والثقافة", "fa": "موسیقی و فرهنگ", "uk": "Музика та культура", "tr": "Müzik ve kültür"},
    ),
]

# Social and cultural participation (§ 28 (7) SGB II): 10 € a month from 2011, 15 € from August 2019.
RATES = [
    ("participation", Decimal("10.00"), date(2011, 1, 1)),
    ("participation", Decimal("15.00"), date(2019, 8, 1)),
]


def add_master_data(apps, schema_editor):
    Category = apps.get_model("offers", "Category")
    ButRate = apps.get_model("offers", "ButRate")
    for name, order, translations in CATEGORIES:
        Category.objects.get_or_create(name=name, defaults={"order": order, "translations": translations})
    for category, amount, valid_from in RATES:
        ButRate.objects.get_or_create(category=category, valid_from=valid_from, defaults={"monthly_amount": amount})


def sync_roles(apps, schema_editor):
    from accounts.roles import sync_role_permissions

    sync_role_permissions(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0002_offers_referrals_but"),
        ("accounts", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(add_master_data, migrations.RunPython.noop),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
