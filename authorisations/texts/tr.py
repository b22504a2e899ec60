"""Turkish: working translation, not binding."""

TEXT = {
    "language_name": "Türkçe",
    "title": "Vekâletname",
    "subtitle": "Alman Sosyal Kanunu X. Kitap (SGB X) Madde 13 uyarınca",
    "authority_label": "Muhatap kurum",
    "principal_heading": "1. Vekâlet veren",
    "agent_heading": "2. Vekil (yetkili kişi)",
    "name": "Soyadı, adı/adları",
    "name_original": "Orijinal yazıyla adı",
    "date_of_birth": "Doğum tarihi",
    "address": "Adres",
    "customer_number": "KJC müşteri numarası",
    "bg_number": "İhtiyaç topluluğu numarası (BG numarası)",
    "guardian": "Yasal temsilcisi",
    "grant_heading": "3. Vekâletin kapsamı",
    "grant": (
        "2. bölümde adı geçen kişiyi, Alman Sosyal Kanunu II. Kitap (SGB II, vatandaşlık geliri – Bürgergeld) "
        "kapsamındaki işlerimde yukarıda adı geçen Belediye İş Merkezi (KJC) nezdinde beni temsil etmek üzere "
        "yetkilendiriyorum. Vekâlet, işaretlenen alanlar için geçerlidir:"
    ),
    "grant_minor": (
        "1. bölümde adı geçen reşit olmayan kişinin yasal temsilcisi olarak, 2. bölümde adı geçen kişiyi, bu kişiyi "
        "Alman Sosyal Kanunu II. Kitap (SGB II, vatandaşlık geliri – Bürgergeld) kapsamındaki işlerinde yukarıda "
        "adı geçen Belediye İş Merkezi (KJC) nezdinde temsil etmek üzere yetkilendiriyorum. Vekâlet, işaretlenen "
        "alanlar için geçerlidir:"
    ),
    "legend": "X = yetki verildi; boş kutu = yetki verilmedi",
    "scope_information": (
        "Bilgi vermek ve bilgi almak",
        "KJC'den bilgi almak ve KJC'ye bilgi vermek.",
    ),
    "scope_file_inspection": (
        "Dosyayı incelemek",
        "KJC'deki dosyaları incelemek (SGB X Madde 25).",
    ),
    "scope_applications": (
        "Başvuru yapmak",
        "Başvuru yapmak, başvuruları tamamlamak ve geri çekmek; örneğin yardımların devamı için başvuru.",
    ),
    "scope_documents": (
        "Belge vermek ve teslim almak",
        "Belgeleri, kanıtları ve formları KJC'ye vermek ve KJC'den teslim almak.",
    ),
    "scope_appointments": (
        "Randevulara eşlik etmek",
        "KJC'deki randevulara eşlik etmek ve orada söz almak.",
    ),
    "scope_mail": (
        "Kararları ve yazışmaları almak",
        "KJC'nin kararlarını ve diğer yazılarını almak. KJC bu durumda yazışmalarını vekile gönderir; örneğin "
        "itiraz süresi gibi süreler, yazının vekile ulaştığı anda başlar.",
    ),
    "scope_objection": (
        "İtiraz etmek (Widerspruch)",
        "KJC kararlarına itiraz etmek ve itiraz sürecinde işlem yapmak.",
    ),
    "scope_money": (
        "Para teslim almak",
        "KJC'nin yaptığı ödemeleri teslim almak.",
    ),
    "rdg_warning": (
        "İtirazlarla ilgili not: Aile, komşuluk veya benzeri yakın bir kişisel ilişki dışında hukuki yardımda "
        "bulunan kişi, bunu – ücretsiz olsa bile – ancak hâkimlik yeterliliğine sahip bir kişinin ya da bu hukuki "
        "hizmeti vermeye yetkili bir kişinin, örneğin bir avukatın rehberliğinde yapabilir (Hukuki Hizmetler "
        "Kanunu, RDG, Madde 6 Fıkra 2)."
    ),
    "exclusions_label": "Kapsam dışı:",
    "no_exclusions": "Başka istisna yoktur.",
    "validity_heading": "4. Geçerlilik süresi ve geri alma",
    "valid_until_date": "Vekâlet {valid_from} ile {valid_until} tarihleri arasında geçerlidir.",
    "valid_until_revoked": "Vekâlet {valid_from} tarihinden itibaren geri alınana kadar geçerlidir.",
    "revocable": (
        "Vekâlet, gerekçe gösterilmeden her zaman yazılı olarak geri alınabilir (7. bölüm). Geri alma, KJC'ye karşı "
        "ancak KJC'ye ulaştığında hüküm doğurur (SGB X Madde 13 Fıkra 1 Cümle 4)."
    ),
    "notes_heading": "5. Notlar",
    "note_scope_law": (
        "Vekâlet, yukarıda sınırlandırılmadığı sürece idari süreçteki tüm işlemleri kapsar (SGB X Madde 13 Fıkra 1 "
        "Cümle 2)."
    ),
    "note_personal": (
        "Yalnızca şahsen yerine getirilebilecek yükümlülükler devam eder; örneğin bir bildirim randevusuna "
        "(Meldetermin) şahsen gelmek."
    ),
    "note_voluntary": "Vekil gönüllü olarak ve ücretsiz çalışır.",
    "note_consent": (
        "Bu vekâletname, verilerin başka kurumlara aktarılmasına rıza anlamına gelmez; bunun için ayrı bir rıza "
        "formu vardır."
    ),
    "note_original": "İmzalı asıl nüsha KJC'ye verilir.",
    "signatures_heading": "6. İmzalar",
    "place_date": "Yer, tarih",
    "sign_principal": "Vekâlet verenin imzası",
    "sign_principal_minor": "Yasal temsilcinin imzası",
    "sign_agent": "Vekilin imzası – vekâleti kabul ediyorum",
    "sign_only_german": "Lütfen yalnızca Almanca metni imzalayın.",
    "revocation_heading": "7. Geri alma",
    "revocation_hint": "Yalnızca vekâlet geri alınacaksa doldurun ve KJC'ye teslim edin.",
    "revocation_text": "Bu vekâleti şu tarihten itibaren geri alıyorum:",
    "revocation_received": "KJC'ye ulaştığı tarih (tarih, kaşe)",
    "verify_heading": "Gerçekliği kontrol etmek",
    "verify_text": (
        "Bu vekâletin geçerli olup olmadığını kontrol sayfası gösterir: QR kodunu okutun ya da adresi açıp kontrol "
        "kodunu girin."
    ),
    "verify_code": "Kontrol kodu",
    "document_label": "Vekâletname no. {number} · sürüm {version} · oluşturma tarihi {date}",
    "translation_notice": (
        "Çalışma çevirisi – bağlayıcı değildir. Hukuken yalnızca Almanca metin geçerlidir; yalnızca Almanca metin "
        "imzalanır."
    ),
}
