//! A QR code drawn as one SVG path (no image, no inline script or style).

use erasmi_core::codes::Qr;
use leptos::prelude::*;

/// The QR code of a link, large enough to scan from a projector; scales with its container.
#[component]
pub fn QrCode(qr: Qr, #[prop(into)] label: String) -> impl IntoView {
    // Four modules of quiet zone on every side.
    let size = qr.width + 8;
    view! {
        <svg class="qr" viewBox=format!("-4 -4 {size} {size}") role="img" aria-label=label shape-rendering="crispEdges">
            <rect x="-4" y="-4" width=size.to_string() height=size.to_string() class="qr-light"/>
            <path d=qr.path class="qr-dark"/>
        </svg>
    }
}
