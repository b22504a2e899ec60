"""Kurdish (Kurmanji, Latin script): working translation, not binding."""

TEXT = {
    "language_name": "Kurmancî",
    "title": "Wekaletname",
    "subtitle": "li gorî xala 13an a Pirtûka Dehemîn a Qanûna Civakî ya Almanyayê (SGB X)",
    "authority_label": "Ji bo",
    "principal_heading": "1. Wekaletder (kesê ku wekaletê dide)",
    "agent_heading": "2. Wekîl (kesê ku wekaletê distîne)",
    "name": "Paşnav, nav (nav)",
    "name_original": "Nav bi tîpên orîjînal",
    "date_of_birth": "Dîroka jidayikbûnê",
    "address": "Navnîşan",
    "customer_number": "Hejmara xerîdar li KJC",
    "bg_number": "Hejmara malbata alîkarî distîne (hejmara BG)",
    "guardian": "Nûnerê qanûnî",
    "grant_heading": "3. Çarçoveya wekaletê",
    "grant": (
        "Ez kesê ku di xala 2an de hatiye navkirin wekîl dikim, da ku di karên min ên li gorî Pirtûka Duyemîn a "
        "Qanûna Civakî ya Almanyayê (SGB II, dahata welatiyan – Bürgergeld) de li hember Navenda Karê ya "
        "Şaredariyê (KJC) ya li jor hatiye navkirin min temsîl bike. Wekalet ji bo qadên nîşankirî derbasdar e:"
    ),
    "grant_minor": (
        "Wek nûnerê qanûnî yê kesê biçûk ku di xala 1ê de hatiye navkirin, ez kesê ku di xala 2an de hatiye "
        "navkirin wekîl dikim, da ku di karên wî an wê yên li gorî Pirtûka Duyemîn a Qanûna Civakî ya Almanyayê "
        "(SGB II, dahata welatiyan – Bürgergeld) de li hember Navenda Karê ya Şaredariyê (KJC) ya li jor hatiye "
        "navkirin wî an wê temsîl bike. Wekalet ji bo qadên nîşankirî derbasdar e:"
    ),
    "legend": "X = hatiye dayîn; qutiya vala = nehatiye dayîn",
    "scope_information": (
        "Agahî dan û standin",
        "Ji KJC agahî standin û agahî dan KJC.",
    ),
    "scope_file_inspection": (
        "Dîtina dosyayê",
        "Dosyayên li KJC dîtin û xwendin (xala 25an a SGB X).",
    ),
    "scope_applications": (
        "Serlêdan kirin",
        "Serlêdan kirin, temam kirin û paşde kişandin, wek mînak serlêdana berdewamkirina alîkariyê.",
    ),
    "scope_documents": (
        "Belge dan û standin",
        "Belge, delîl û form dan KJC û ji wir standin.",
    ),
    "scope_appointments": (
        "Bi randevûyan re çûn",
        "Bi kesê xwedî wekalet re çûna randevûyên li KJC û li wir axaftin.",
    ),
    "scope_mail": (
        "Biryar û name standin",
        "Biryar (Bescheid) û nameyên din ên KJC standin. Wê demê KJC nameyên xwe ji wekîl re dişîne; dem, wek "
        "mînak ji bo îtirazê, dema ku name digihîje wekîl dest pê dikin.",
    ),
    "scope_objection": (
        "Îtiraz kirin (Widerspruch)",
        "Li dijî biryarên KJC îtiraz kirin û di pêvajoya îtirazê de tevgerîn.",
    ),
    "scope_money": (
        "Pere standin",
        "Dravdanên KJC standin.",
    ),
    "rdg_warning": (
        "Têbînî li ser îtirazan: Kesê ku li derveyî malbatê, cîrantiyê an têkiliyeke kesane ya bi vî rengî nêzîk "
        "alîkariya hiqûqî dike, dikare vê yekê – heta bê pere jî – tenê di bin rêberiya kesekî ku jêhatiya "
        "dadweriyê heye an kesekî ku destûra wî/wê ji bo vê xizmeta hiqûqî heye bike, wek mînak parêzerek "
        "(Qanûna Xizmetên Hiqûqî, RDG, xala 6an, bend 2)."
    ),
    "exclusions_label": "Ji wekaletê derxistî:",
    "no_exclusions": "Îstîsnayên din tune ne.",
    "validity_heading": "4. Dema derbasdariyê û betalkirin",
    "valid_until_date": "Wekalet ji {valid_from} heta {valid_until} derbasdar e.",
    "valid_until_revoked": "Wekalet ji {valid_from} heta ku were betalkirin derbasdar e.",
    "revocable": (
        "Wekalet her dem bê nîşandana sedeman bi nivîskî dikare were betalkirin (xala 7an). Li hember KJC "
        "betalkirin tenê dema ku digihîje KJC bi bandor dibe (SGB X xala 13an, bend 1, hevok 4)."
    ),
    "notes_heading": "5. Têbînî",
    "note_scope_law": (
        "Wekalet hemû karên di pêvajoya îdarî de dihewîne, heke li jor nehatibe sînordarkirin (SGB X xala 13an, "
        "bend 1, hevok 2)."
    ),
    "note_personal": (
        "Erkên ku tenê bi xwe dikarin werin kirin dimînin, wek mînak bi xwe çûna randevûya gazîkirinê (Meldetermin)."
    ),
    "note_voluntary": "Wekîl bi dilxwazî û bê pere kar dike.",
    "note_consent": (
        "Ev wekaletname ne razîbûna şandina daneyan ji saziyên din re ye; ji bo vê formeke razîbûnê ya cuda heye."
    ),
    "note_original": "Orîjînala îmzekirî ji KJC re tê dayîn.",
    "signatures_heading": "6. Îmze",
    "place_date": "Cih, dîrok",
    "sign_principal": "Îmzeya wekaletderê",
    "sign_principal_minor": "Îmzeya nûnerê qanûnî",
    "sign_agent": "Îmzeya wekîl – ez wekaletê qebûl dikim",
    "sign_only_german": "Ji kerema xwe tenê metna almanî îmze bikin.",
    "revocation_heading": "7. Betalkirin",
    "revocation_hint": "Tenê dema ku wekalet tê betalkirin tijî bikin û radestî KJC bikin.",
    "revocation_text": "Ez vê wekaletê ji vê dîrokê ve betal dikim:",
    "revocation_received": "Gihîştina KJC (dîrok, mor)",
    "verify_heading": "Kontrolkirina rastbûnê",
    "verify_text": (
        "Rûpela kontrolê nîşan dide ka ev wekalet derbasdar e an na: koda QR bişopînin, an navnîşanê vekin û koda "
        "kontrolê binivîsin."
    ),
    "verify_code": "Koda kontrolê",
    "document_label": "Wekaletname hejmar {number} · guhertoya {version} · dîroka amadekirinê {date}",
    "translation_notice": (
        "Wergera xebatê – ne mecbûrî ye. Ji aliyê qanûnî ve tenê metna almanî derbasdar e; tenê metna almanî tê "
        "îmzekirin."
    ),
}
