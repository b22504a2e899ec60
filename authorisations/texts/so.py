"""Somali: working translation, not binding."""

TEXT = {
    "language_name": "Soomaali",
    "title": "Wakaalad",
    "subtitle": "sida uu dhigayo qodobka 13 ee Buugga Tobnaad ee Sharciga Bulshada Jarmalka (SGB X)",
    "authority_label": "Loogu talagalay",
    "principal_heading": "1. Bixiyaha wakaaladda (qofka wakaaladda bixinaya)",
    "agent_heading": "2. Wakiilka (qofka wakaaladda la siinayo)",
    "name": "Magaca qoyska, magaca (magacyada)",
    "name_original": "Magaca oo ku qoran farta asalka ah",
    "date_of_birth": "Taariikhda dhalashada",
    "address": "Cinwaanka",
    "customer_number": "Lambarka macmiilka ee KJC",
    "bg_number": "Lambarka qoyska kaalmada qaata (lambarka BG)",
    "guardian": "Wakiilka sharciga ah",
    "grant_heading": "3. Baaxadda wakaaladda",
    "grant": (
        "Waxaan u oggolaanayaa qofka lagu magacaabay qodobka 2 inuu igu matalo arrimahayga la xiriira Buugga "
        "Labaad ee Sharciga Bulshada Jarmalka (SGB II, dakhliga muwaadinka – Bürgergeld) hortiisa Xarunta "
        "Shaqada ee Degmada (KJC) ee kor lagu sheegay. Wakaaladdu waxay khusaysaa qaybaha la calaamadeeyay:"
    ),
    "grant_minor": (
        "Anigoo ah wakiilka sharciga ah ee qofka aan qaan-gaarin ee lagu magacaabay qodobka 1, waxaan u "
        "oggolaanayaa qofka lagu magacaabay qodobka 2 inuu ku matalo arrimihiisa la xiriira Buugga Labaad ee "
        "Sharciga Bulshada Jarmalka (SGB II, dakhliga muwaadinka – Bürgergeld) hortiisa Xarunta Shaqada ee "
        "Degmada (KJC) ee kor lagu sheegay. Wakaaladdu waxay khusaysaa qaybaha la calaamadeeyay:"
    ),
    "legend": "X = waa la bixiyay; sanduuq madhan = lama bixin",
    "scope_information": (
        "Bixinta iyo helitaanka macluumaadka",
        "Macluumaad ka helidda KJC iyo macluumaad siinta KJC.",
    ),
    "scope_file_inspection": (
        "Eegidda faylka",
        "Eegidda faylasha ku jira KJC (qodobka 25 ee SGB X).",
    ),
    "scope_applications": (
        "Gudbinta codsiyada",
        "Gudbinta, dhammaystirka iyo dib u celinta codsiyada, tusaale ahaan codsiga sii wadidda kaalmada.",
    ),
    "scope_documents": (
        "Gudbinta iyo qaadashada dukumentiyada",
        "Gudbinta dukumentiyada, caddaymaha iyo foomamka KJC iyo halkaas ka qaadashadooda.",
    ),
    "scope_appointments": (
        "La socodka ballamaha",
        "La socodka ballamaha KJC iyo halkaas ka hadlidda.",
    ),
    "scope_mail": (
        "Helitaanka go'aannada iyo boostada",
        "Helitaanka go'aannada (Bescheid) iyo waraaqaha kale ee KJC. Markaas KJC waxay boostadeeda u dirtaa "
        "wakiilka; muddooyinka, tusaale ahaan ta racfaanka, waxay bilaabmaan marka warqaddu gaarto wakiilka.",
    ),
    "scope_objection": (
        "Racfaan qaadashada (Widerspruch)",
        "Racfaan ka qaadashada go'aannada KJC iyo ka qayb qaadashada habka racfaanka.",
    ),
    "scope_money": (
        "Qaadashada lacag",
        "Qaadashada lacag-bixinnada KJC.",
    ),
    "rdg_warning": (
        "Ogeysiis ku saabsan racfaannada: Qofka bixiya caawimaad sharci oo ka baxsan qoyska, deriska ama xiriir "
        "shakhsi ah oo la mid ah oo dhow, wuxuu sidaas samayn karaa – xitaa haddii ay bilaash tahay – oo keliya "
        "isagoo hagitaan ka helaya qof u qalma inuu noqdo garsoore ama qof loo oggol yahay inuu bixiyo adeeggan "
        "sharciga ah, tusaale ahaan qareen (Sharciga Adeegyada Sharciga, RDG, qodobka 6, faqradda 2)."
    ),
    "exclusions_label": "Waxaa ka reeban wakaaladda:",
    "no_exclusions": "Ma jiraan wax kale oo ka reeban.",
    "validity_heading": "4. Muddada ansaxnimada iyo burinta",
    "valid_until_date": "Wakaaladdu waxay ansax tahay laga bilaabo {valid_from} ilaa {valid_until}.",
    "valid_until_revoked": "Wakaaladdu waxay ansax tahay laga bilaabo {valid_from} ilaa inta la burinayo.",
    "revocable": (
        "Wakaaladda waqti kasta ayaa qoraal ahaan loo burin karaa iyadoon sabab la sheegin (qodobka 7). Marka la "
        "eego KJC, burintu waxay dhaqan gashaa oo keliya marka ay gaarto KJC (SGB X qodobka 13, faqradda 1, "
        "weedha 4)."
    ),
    "notes_heading": "5. Ogeysiisyo",
    "note_scope_law": (
        "Wakaaladdu waxay awood u siisaa dhammaan tallaabooyinka habka maamulka, haddii aan kor lagu xaddidin "
        "(SGB X qodobka 13, faqradda 1, weedha 2)."
    ),
    "note_personal": (
        "Waajibaadka qofku shakhsi ahaan keliya gudan karo way sii jiraan, tusaale ahaan in qofku isagu yimaado "
        "ballanta loogu yeero (Meldetermin)."
    ),
    "note_voluntary": "Wakiilku wuxuu u shaqeeyaa si mutadawacnimo ah oo bilaash ah.",
    "note_consent": (
        "Wakaaladdan ma aha oggolaansho lagu gudbinayo xog hay'ado kale; taas waxaa loogu talagalay foom "
        "oggolaansho oo gaar ah."
    ),
    "note_original": "Nuqulka asalka ah ee la saxiixay waxaa la siiyaa KJC.",
    "signatures_heading": "6. Saxiixyada",
    "place_date": "Goobta, taariikhda",
    "sign_principal": "Saxiixa bixiyaha wakaaladda",
    "sign_principal_minor": "Saxiixa wakiilka sharciga ah",
    "sign_agent": "Saxiixa wakiilka – waan aqbalay wakaaladda",
    "sign_only_german": "Fadlan saxiix qoraalka Jarmalka oo keliya.",
    "revocation_heading": "7. Burinta",
    "revocation_hint": "Buuxi oo keliya marka wakaaladda la burinayo, kadibna u gee KJC.",
    "revocation_text": "Waxaan burinayaa wakaaladdan laga bilaabo:",
    "revocation_received": "Gaaritaanka KJC (taariikhda, shaabadda)",
    "verify_heading": "Hubinta saxnaanta",
    "verify_text": (
        "Bogga hubintu wuxuu muujinayaa haddii wakaaladdani ansax tahay: iskaan garee koodka QR, ama fur "
        "cinwaanka oo geli koodka hubinta."
    ),
    "verify_code": "Koodka hubinta",
    "document_label": "Wakaaladda lambar {number} · nooca {version} · taariikhda la sameeyay {date}",
    "translation_notice": (
        "Turjumaad shaqo – sharci ahaan ma aha mid waajib ah. Sharci ahaan qoraalka Jarmalka oo keliya ayaa ansax "
        "ah; qoraalka Jarmalka oo keliya ayaa la saxiixaa."
    ),
}
