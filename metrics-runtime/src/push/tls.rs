//! `https://` Pushgateways (feature `push-tls`): rustls, trusting
//! Mozilla's root certificates unless the gateway's own roots are given.

use std::sync::Arc;

use ureq::tls::{parse_pem, Certificate, PemItem, RootCerts, TlsConfig};

use crate::push::{PushError, Pushgateway};

impl Pushgateway {
    /// The same gateway, trusting only the root certificates in `pem` for
    /// `https://`: a private certificate authority's, or a gateway's
    /// self-signed certificate. Without it, Mozilla's root certificates
    /// are trusted.
    ///
    /// ```
    /// use prometheus_component::{PushError, Pushgateway};
    ///
    /// let err = Pushgateway::new("https://pushgateway.internal:9091")
    ///     .root_certificates_pem(b"not a certificate")
    ///     .unwrap_err();
    /// assert!(matches!(err, PushError::InvalidCertificate(_)));
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "push-tls")))]
    pub fn root_certificates_pem(mut self, pem: &[u8]) -> Result<Self, PushError> {
        let mut roots = Vec::new();
        for item in parse_pem(pem) {
            match item {
                Ok(PemItem::Certificate(certificate)) => roots.push(certificate.to_owned()),
                Ok(_) => {}
                Err(error) => return Err(PushError::InvalidCertificate(error.to_string())),
            }
        }
        if roots.is_empty() {
            return Err(PushError::InvalidCertificate(
                "no PEM `CERTIFICATE` section found".to_owned(),
            ));
        }
        self.roots = Some(Arc::new(roots));
        self.rebuild_agent();
        Ok(self)
    }
}

/// The TLS configuration trusting `roots`, or Mozilla's roots.
pub(crate) fn tls_config(roots: Option<Arc<Vec<Certificate<'static>>>>) -> TlsConfig {
    let roots = match roots {
        Some(roots) => RootCerts::Specific(roots),
        None => RootCerts::WebPki,
    };
    TlsConfig::builder().root_certs(roots).build()
}
