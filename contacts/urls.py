from django.urls import path

from contacts import views

app_name = "contacts"

urlpatterns = [
    path("call-back/", views.CallbackRequestView.as_view(), name="callback"),
    path("call-back/thanks/", views.CallbackThanksView.as_view(), name="thanks"),
]
