from django.urls import path

from . import directory, directory_pdf, views

app_name = "offers"
urlpatterns = [
    # staff
    path("offers/", views.offer_list, name="offer_list"),
    path("offers/new/", views.offer_create, name="offer_create"),
    path("offers/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/edit/", views.offer_edit, name="offer_edit"),
    path("offers/<int:pk>/refer/", views.offer_refer, name="offer_refer"),
    path("offers/providers/", views.provider_list, name="provider_list"),
    path("offers/providers/new/", views.provider_create, name="provider_create"),
    path("offers/providers/<int:pk>/edit/", views.provider_edit, name="provider_edit"),
    path("clients/<uuid:client_id>/referrals/", views.client_referrals, name="client_referrals"),
    path("clients/<uuid:client_id>/referrals/new/", views.referral_create, name="referral_create"),
    path("clients/<uuid:client_id>/but/new/", views.but_create, name="but_create"),
    path("referrals/<int:pk>/status/", views.referral_status, name="referral_status"),
    path("referrals/<int:pk>/seen/", views.referral_seen, name="referral_seen"),
    path("referrals/<int:pk>/but/", views.referral_start_but, name="referral_start_but"),
    path("but/", views.but_list, name="but_list"),
    path("but/<int:pk>/", views.but_detail, name="but_detail"),
    path("but/<int:pk>/status/", views.but_status, name="but_status"),
    path("but/<int:pk>/expenses/", views.but_expense, name="but_expense"),
    # public, no login
    path("directory/", directory.directory, name="directory"),
    path("directory/pdf/", directory_pdf.directory_pdf, name="directory_pdf"),
]
