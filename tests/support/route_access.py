"""Who may open each endpoint: the decision table the route-access tests and the fuzzers check.

A new route without a row here fails `test_every_route_has_a_decision`.
"""

ANON, ADMIN, STAFF, COORD, VOL = "anonymous", "admin", "staff", "coordinator", "volunteer"
EVERYONE = {ANON, ADMIN, STAFF, COORD, VOL}
SIGNED_IN = {ADMIN, STAFF, COORD, VOL}

#: endpoint -> (method, roles allowed)
EXPECTED = {
    "static": ("GET", EVERYONE),
    "favicon": ("GET", EVERYONE),
    "public.root": ("GET", EVERYONE),
    "public.home": ("GET", EVERYONE),
    "public.accessibility": ("GET", EVERYONE),
    "public.healthz": ("GET", EVERYONE),
    "public.workspace": ("GET", SIGNED_IN),
    "auth.login": ("GET", EVERYONE),
    "auth.logout": ("POST", SIGNED_IN),
    "auth.change_password": ("GET", SIGNED_IN),
    # The code page: a visitor who gave the right password is not signed in yet.
    "auth.two_step": ("GET", EVERYONE),
    "auth.two_step_setup": ("GET", SIGNED_IN),
    # Required for administrators and coordinators: only others may turn it off.
    "auth.two_step_off": ("POST", {STAFF, VOL}),
    "admin.user_list": ("GET", {ADMIN}),
    "admin.user_new": ("GET", {ADMIN}),
    "admin.user_edit": ("GET", {ADMIN}),
    "admin.user_reset_password": ("POST", {ADMIN}),
    "admin.user_sign_out_everywhere": ("POST", {ADMIN}),
    "admin.user_reset_two_step": ("POST", {ADMIN}),
    "admin.audit_log": ("GET", {ADMIN}),
    "admin.sign_in_failures": ("GET", {ADMIN}),
    "areas.area_list": ("GET", {ADMIN, STAFF, COORD}),
    "areas.area_detail": ("GET", {ADMIN, STAFF, COORD}),
    "survey.start": ("GET", EVERYONE),
    "survey.begin": ("POST", EVERYONE),
    "survey.question": ("GET", EVERYONE),
    "survey.resume": ("GET", EVERYONE),
    "survey.check": ("GET", EVERYONE),
    "survey.submit": ("POST", EVERYONE),
    "survey.thanks": ("GET", EVERYONE),
    "survey.help_page": ("GET", EVERYONE),
    "survey.paper": ("GET", EVERYONE),
    "survey.assist": ("GET", {VOL, COORD, ADMIN}),
    "contact.contact": ("GET", EVERYONE),
    "entry.new": ("GET", {VOL, COORD, ADMIN}),
    "followups.queue": ("GET", {COORD, VOL}),
    "followups.assign": ("POST", {COORD}),
    "followups.close": ("POST", {COORD, VOL}),
    "help_sessions.listing": ("GET", EVERYONE),
    "help_sessions.ical": ("GET", EVERYONE),
    "sessions.manage": ("GET", {COORD, VOL}),
    "sessions.new": ("GET", {COORD, VOL}),
    "sessions.edit": ("GET", {COORD, VOL}),
    "sessions.cancel": ("POST", {COORD, VOL}),
    "logs.new": ("GET", {COORD, VOL}),
    "logs.saved": ("GET", {COORD, VOL}),
    "logs.listing": ("GET", {COORD, VOL}),
    "logs.edit": ("GET", {COORD, VOL}),
    "logs.export": ("GET", {COORD}),
    "logs.summary": ("GET", {ADMIN, STAFF, COORD}),
    "insights.dashboard": ("GET", {ADMIN, STAFF, COORD}),
    "insights.export_csv": ("GET", {ADMIN, STAFF, COORD}),
    "insights.export_xlsx": ("GET", {ADMIN, STAFF, COORD}),
    "insights.export_geojson": ("GET", {ADMIN, STAFF, COORD}),
    "insights.priorities_csv": ("GET", {ADMIN, STAFF, COORD}),
    "transparency.page": ("GET", EVERYONE),
    "transparency.report": ("GET", EVERYONE),
    "transparency.method": ("GET", EVERYONE),
    "transparency.open_data_csv": ("GET", EVERYONE),
    "transparency.open_data_metadata": ("GET", EVERYONE),
    "transparency.catalog": ("GET", EVERYONE),
    "transparency.data_dictionary": ("GET", EVERYONE),
}
ROLES = sorted(EVERYONE)
