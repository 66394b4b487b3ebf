"""Error reports that never carry patients' details.

Django's default filter hides only the fields a view marks as sensitive. On
this site anything a patient sends (form fields, query strings, cookies) may
be protected health information, so every value is replaced before a report
is written, emailed or shown.
"""

from django.views.debug import SafeExceptionReporterFilter


class PatientSafeExceptionReporterFilter(SafeExceptionReporterFilter):
    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        for key in ("QUERY_STRING", "HTTP_COOKIE", "HTTP_REFERER"):
            if key in meta:
                meta[key] = self.cleansed_substitute
        return meta
