"""The offers app's rows for the URL × role × method matrix (tests/test_url_role_matrix.py on main).

The matrix owns the access classes; pass them in:

    from tests.offers.matrix import offers_access
    ACCESS.update(offers_access(globals()))

`offers_world(world)` adds an offer, a referral and a BuT application of the matrix's marker client.
"""

from offers.models import ButApplication, ButCategory, Category, Offer, Provider, Referral


def offers_world(world: dict) -> dict:
    if "offers" not in world:
        owner = world["users"]["owner"]
        provider = Provider.objects.create(name="Matrix-Träger")
        offer = Offer.objects.create(
            title="Matrix-Angebot", provider=provider, category=Category.objects.get_or_create(name="Sport")[0]
        )
        world["offers"] = {
            "provider": provider,
            "offer": offer,
            "referral": Referral.objects.create(offer=offer, client=world["client"], created_by=owner),
            "application": ButApplication.objects.create(
                child=world["client"], category=ButCategory.LUNCH, created_by=owner
            ),
        }
    return world["offers"]


def _offer(w):
    return {"pk": offers_world(w)["offer"].pk}


def _provider(w):
    return {"pk": offers_world(w)["provider"].pk}


def _referral(w):
    return {"pk": offers_world(w)["referral"].pk}


def _application(w):
    return {"pk": offers_world(w)["application"].pk}


def _client(w):
    return {"client_id": w["client"].pk}


def offers_access(classes: dict) -> dict:
    c = classes
    return {
        "offers:offer_list": (c["STAFF_PAGE"], None),
        "offers:offer_create": (c["STAFF_FORM"], None),
        "offers:offer_detail": (c["STAFF_PAGE"], _offer),
        "offers:offer_edit": (c["STAFF_FORM"], _offer),
        "offers:offer_refer": (c["STAFF_PAGE"], _offer),
        "offers:provider_list": (c["STAFF_PAGE"], None),
        "offers:provider_create": (c["STAFF_FORM"], None),
        "offers:provider_edit": (c["STAFF_FORM"], _provider),
        "offers:client_referrals": (c["CLIENT_PAGE"], _client),
        "offers:referral_create": (c["CLIENT_FORM"], _client),
        "offers:but_create": (c["CLIENT_FORM"], _client),
        "offers:referral_status": (c["CLIENT_FORM"], _referral),
        "offers:referral_seen": (c["CLIENT_ACTION"], _referral),
        "offers:referral_start_but": (c["CLIENT_ACTION"], _referral),
        "offers:but_detail": (c["CLIENT_PAGE"], _application),
        "offers:but_status": (c["CLIENT_ACTION_FORM"], _application),
        "offers:but_expense": (c["CLIENT_ACTION_FORM"], _application),
        "offers:directory": (c["PUBLIC"], None),
        "offers:directory_pdf": (c["PUBLIC"], None),
    }
