"""Staff survey pages: dashboards, QR codes and posters, anomaly flags, the template."""
