"""The marketing copy of the demo site, in Dutch and English.

Kept apart from the templates so that both languages are side by side and a
test can check that every key exists in each of them.
"""

from __future__ import annotations

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

COMPANY = {
    "name": "Flowmailer B.V.",
    "street": "Van Nelleweg 1",
    "postcode": "3044 BC",
    "city": "Rotterdam",
    "phone": "010 307 45 50",
    "email": "hello@flowmailer.com",
    "kvk": "62154885",
}

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "language_name": "Nederlands",
        "switch_label": "English",
        "switch_title": "Switch to English",
        "nav_home": "Home",
        "nav_product": "Product",
        "nav_contact": "Contact",
        "nav_cta": "Plan een demo",
        "home_title": "Transactionele e\u2011mail die gewoon aankomt",
        "home_eyebrow": "E-mailplatform uit Rotterdam",
        "home_lead": (
            "Orderbevestigingen, facturen, wachtwoordresets: Flowmailer bezorgt al je "
            "transactionele e-mail snel en betrouwbaar in de inbox, met volledig inzicht in "
            "elk bericht."
        ),
        "home_cta_primary": "Plan een demo",
        "home_cta_secondary": "Bekijk het product",
        "home_trust": "Vertrouwd door webwinkels, banken, zorgverleners en SaaS-bedrijven",
        "dash_title": "Vandaag verstuurd",
        "dash_delivered": "Afgeleverd",
        "dash_opened": "Geopend",
        "dash_bounced": "Bounced",
        "dash_recent": "Recente berichten",
        "dash_status_delivered": "Afgeleverd",
        "dash_status_opened": "Geopend",
        "dash_status_queued": "In wachtrij",
        "dash_msg_order": "Je bestelling #48213",
        "dash_msg_invoice": "Factuur maart 2026",
        "dash_msg_reset": "Wachtwoord opnieuw instellen",
        "features_title": "Alles wat je nodig hebt voor e\u2011mail die ertoe doet",
        "features_lead": "Eén platform voor versturen, routeren, archiveren en analyseren.",
        "feature_deliver_title": "Hoge afleverbaarheid",
        "feature_deliver_text": (
            "SPF, DKIM en DMARC standaard ingericht, eigen IP-reputatiebeheer en "
            "automatische afhandeling van bounces."
        ),
        "feature_flows_title": "Flows zonder code",
        "feature_flows_text": (
            "Bepaal per berichttype hoe e-mail wordt opgemaakt, gerouteerd en gearchiveerd, "
            "zonder je applicatie aan te passen."
        ),
        "feature_api_title": "REST API en SMTP",
        "feature_api_text": (
            "Koppel in een middag via onze REST API of SMTP-relay. Webhooks melden elke "
            "aflevering, opening en klik terug."
        ),
        "feature_eu_title": "Veilig in Europa",
        "feature_eu_text": (
            "Je gegevens blijven in Europese datacenters. Versleuteld, AVG-proof en met "
            "een verwerkersovereenkomst."
        ),
        "stats_uptime": "beschikbaarheid",
        "stats_messages": "berichten per maand",
        "stats_delivery": "gemiddelde aflevertijd",
        "video_title": "Flowmailer in twee minuten",
        "video_lead": "Zie hoe een bericht van API-aanroep tot inbox gaat.",
        "video_frame_title": "Flowmailer productvideo",
        "video_blocked": (
            "Deze video wordt geladen van een extern videoplatform dat cookies plaatst. "
            "De video verschijnt zodra je marketingcookies toestaat."
        ),
        "video_button": "Cookie-instellingen openen",
        "cta_title": "Klaar om je e\u2011mail te laten aankomen?",
        "cta_text": "Vraag een demo aan en verstuur binnen een dag je eerste bericht.",
        "product_eyebrow": "Het platform",
        "product_title": "Eén platform voor al je transactionele e-mail",
        "product_lead": (
            "Flowmailer zit tussen je applicaties en de inbox van je klant. Je verstuurt "
            "via API of SMTP; wij zorgen voor opmaak, routering, aflevering en inzicht."
        ),
        "product_send_title": "Versturen in een paar regels",
        "product_send_text": (
            "Gebruik de REST API met client-bibliotheken voor Java, PHP, .NET en Python, "
            "of zet simpelweg onze SMTP-relay in je bestaande software."
        ),
        "product_flows_title": "Flows, templates en archief",
        "product_flows_text": (
            "Stel per berichttype in welke template, afzender en bewaartermijn gelden. "
            "Elk bericht wordt gearchiveerd en is tot op de seconde terug te vinden."
        ),
        "product_insight_title": "Inzicht in elk bericht",
        "product_insight_text": (
            "Realtime dashboards, zoeken in je berichtenlog en webhooks voor afleveringen, "
            "bounces, openingen en klikken."
        ),
        "product_list_1": "Automatische bounce- en klachtafhandeling",
        "product_list_2": "Dedicated IP-adressen met warm-up",
        "product_list_3": "Tweestapsverificatie en rolgebaseerde toegang",
        "product_list_4": "Support door e-mailspecialisten uit Rotterdam",
        "contact_eyebrow": "Contact",
        "contact_title": "Laten we kennismaken",
        "contact_lead": (
            "Vertel ons wat je verstuurt en we laten zien hoe Flowmailer je helpt. "
            "We reageren binnen één werkdag."
        ),
        "form_name": "Naam",
        "form_company": "Bedrijf (optioneel)",
        "form_email": "Zakelijk e-mailadres",
        "form_topic": "Onderwerp",
        "topic_demo": "Demo aanvragen",
        "topic_pricing": "Prijzen en pakketten",
        "topic_support": "Ondersteuning",
        "form_message": "Bericht",
        "form_submit": "Verstuur bericht",
        "form_privacy": "We gebruiken je gegevens alleen om je vraag te beantwoorden. Lees ons",
        "form_errors": "Controleer de gemarkeerde velden.",
        "error_name": "Vul je naam in.",
        "error_email": "Vul een geldig e-mailadres in.",
        "error_message": "Schrijf een kort bericht.",
        "error_topic": "Kies een onderwerp.",
        "contact_visit": "Bezoekadres",
        "contact_call": "Bel ons",
        "contact_mail": "Mail ons",
        "thanks_title": "Bedankt voor je bericht",
        "thanks_text": (
            "Bedankt, {name}. We nemen binnen één werkdag contact met je op via {email}."
        ),
        "thanks_back": "Terug naar de homepage",
        "footer_tagline": "Betrouwbare transactionele e-mail, gebouwd in Rotterdam.",
        "footer_company": "Bedrijf",
        "footer_legal": "Juridisch",
        "footer_privacy": "Privacybeleid",
        "footer_cookies": "Cookiebeleid",
        "footer_cookie_settings": "Cookie-instellingen",
        "footer_kvk": "KvK",
        "footer_rights": "Alle rechten voorbehouden.",
        "page_home": "Transactionele e-mail",
        "page_product": "Product",
        "page_contact": "Contact",
        "page_thanks": "Bedankt",
    },
    "en": {
        "language_name": "English",
        "switch_label": "Nederlands",
        "switch_title": "Bekijk in het Nederlands",
        "nav_home": "Home",
        "nav_product": "Product",
        "nav_contact": "Contact",
        "nav_cta": "Book a demo",
        "home_title": "Transactional email that simply arrives",
        "home_eyebrow": "Email platform from Rotterdam",
        "home_lead": (
            "Order confirmations, invoices, password resets: Flowmailer delivers all your "
            "transactional email to the inbox quickly and reliably, with full insight into "
            "every message."
        ),
        "home_cta_primary": "Book a demo",
        "home_cta_secondary": "Explore the product",
        "home_trust": "Trusted by web shops, banks, healthcare providers and SaaS companies",
        "dash_title": "Sent today",
        "dash_delivered": "Delivered",
        "dash_opened": "Opened",
        "dash_bounced": "Bounced",
        "dash_recent": "Recent messages",
        "dash_status_delivered": "Delivered",
        "dash_status_opened": "Opened",
        "dash_status_queued": "Queued",
        "dash_msg_order": "Your order #48213",
        "dash_msg_invoice": "Invoice March 2026",
        "dash_msg_reset": "Reset your password",
        "features_title": "Everything you need for email that matters",
        "features_lead": "One platform to send, route, archive and analyse.",
        "feature_deliver_title": "High deliverability",
        "feature_deliver_text": (
            "SPF, DKIM and DMARC set up by default, IP reputation management and "
            "automatic bounce handling."
        ),
        "feature_flows_title": "Flows without code",
        "feature_flows_text": (
            "Decide per message type how email is formatted, routed and archived, "
            "without changing your application."
        ),
        "feature_api_title": "REST API and SMTP",
        "feature_api_text": (
            "Connect in an afternoon through our REST API or SMTP relay. Webhooks report "
            "every delivery, open and click."
        ),
        "feature_eu_title": "Safe in Europe",
        "feature_eu_text": (
            "Your data stays in European data centres. Encrypted, GDPR-compliant and "
            "covered by a data processing agreement."
        ),
        "stats_uptime": "availability",
        "stats_messages": "messages a month",
        "stats_delivery": "average delivery time",
        "video_title": "Flowmailer in two minutes",
        "video_lead": "See how a message travels from API call to inbox.",
        "video_frame_title": "Flowmailer product video",
        "video_blocked": (
            "This video is loaded from an external video platform that sets cookies. "
            "It appears once you allow marketing cookies."
        ),
        "video_button": "Open cookie settings",
        "cta_title": "Ready to make your email arrive?",
        "cta_text": "Book a demo and send your first message within a day.",
        "product_eyebrow": "The platform",
        "product_title": "One platform for all your transactional email",
        "product_lead": (
            "Flowmailer sits between your applications and your customer's inbox. You send "
            "through API or SMTP; we take care of formatting, routing, delivery and insight."
        ),
        "product_send_title": "Send in a few lines",
        "product_send_text": (
            "Use the REST API with client libraries for Java, PHP, .NET and Python, "
            "or simply point your existing software at our SMTP relay."
        ),
        "product_flows_title": "Flows, templates and archive",
        "product_flows_text": (
            "Set per message type which template, sender and retention period apply. "
            "Every message is archived and can be found down to the second."
        ),
        "product_insight_title": "Insight into every message",
        "product_insight_text": (
            "Real-time dashboards, search in your message log and webhooks for deliveries, "
            "bounces, opens and clicks."
        ),
        "product_list_1": "Automatic bounce and complaint handling",
        "product_list_2": "Dedicated IP addresses with warm-up",
        "product_list_3": "Two-factor authentication and role-based access",
        "product_list_4": "Support by email specialists from Rotterdam",
        "contact_eyebrow": "Contact",
        "contact_title": "Let's get acquainted",
        "contact_lead": (
            "Tell us what you send and we will show how Flowmailer helps. "
            "We reply within one working day."
        ),
        "form_name": "Name",
        "form_company": "Company (optional)",
        "form_email": "Work email",
        "form_topic": "Topic",
        "topic_demo": "Book a demo",
        "topic_pricing": "Pricing and plans",
        "topic_support": "Support",
        "form_message": "Message",
        "form_submit": "Send message",
        "form_privacy": "We only use your details to answer your question. Read our",
        "form_errors": "Please check the highlighted fields.",
        "error_name": "Please enter your name.",
        "error_email": "Please enter a valid email address.",
        "error_message": "Please write a short message.",
        "error_topic": "Please choose a topic.",
        "contact_visit": "Visit us",
        "contact_call": "Call us",
        "contact_mail": "Email us",
        "thanks_title": "Thank you for your message",
        "thanks_text": (
            "Thank you, {name}. We will get back to you within one working day at {email}."
        ),
        "thanks_back": "Back to the home page",
        "footer_tagline": "Reliable transactional email, built in Rotterdam.",
        "footer_company": "Company",
        "footer_legal": "Legal",
        "footer_privacy": "Privacy policy",
        "footer_cookies": "Cookie policy",
        "footer_cookie_settings": "Cookie settings",
        "footer_kvk": "Chamber of Commerce",
        "footer_rights": "All rights reserved.",
        "page_home": "Transactional email",
        "page_product": "Product",
        "page_contact": "Contact",
        "page_thanks": "Thank you",
    },
}
