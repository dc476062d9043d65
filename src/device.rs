//! Browser facilities outside IndexedDB: storage estimates and persistence, saving and sharing
//! files, reading a chosen file.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What the browser says about this app's storage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorageHealth {
    /// Bytes used and the most the browser grants this app.
    pub usage: f64,
    pub quota: f64,
    /// The browser promised not to evict the data.
    pub persisted: bool,
}

impl StorageHealth {
    /// Share of the quota in use (0–1).
    pub fn used_share(&self) -> f64 {
        if self.quota > 0.0 {
            (self.usage / self.quota).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// True when the app should warn before writes start failing.
    pub fn nearly_full(&self) -> bool {
        self.used_share() >= 0.8
    }
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let nav = leptos::prelude::window().navigator();
    js_sys::Reflect::has(&nav, &"storage".into())
        .unwrap_or(false)
        .then(|| nav.storage())
}

/// Usage, quota and persistence, where the browser tells them.
pub async fn storage_health() -> Option<StorageHealth> {
    let manager = storage_manager()?;
    let estimate: web_sys::StorageEstimate = JsFuture::from(manager.estimate().ok()?)
        .await
        .ok()?
        .unchecked_into();
    let persisted = promised_bool(manager.persisted()).await;
    Some(StorageHealth {
        usage: estimate.get_usage().unwrap_or(0.0),
        quota: estimate.get_quota().unwrap_or(0.0),
        persisted,
    })
}

/// Asks the browser to keep this app's data even when space runs low. Returns whether it
/// agreed.
pub async fn request_persistence() -> bool {
    let Some(manager) = storage_manager() else {
        return false;
    };
    promised_bool(manager.persist()).await
}

/// The boolean a browser promise resolves to; false if it fails or is not a boolean.
async fn promised_bool(promise: Result<js_sys::Promise, JsValue>) -> bool {
    match promise {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    }
}

fn json_file(text: &str, name: &str) -> Option<web_sys::File> {
    text_file(text, name, "application/json")
}

fn text_file(text: &str, name: &str, mime: &str) -> Option<web_sys::File> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).ok()
}

/// Saves JSON `text` as a download named `name`.
pub fn download(text: &str, name: &str) -> bool {
    download_as(text, name, "application/json")
}

/// Saves `text` of type `mime` as a download named `name`.
pub fn download_as(text: &str, name: &str, mime: &str) -> bool {
    match text_file(text, name, mime) {
        Some(file) => download_blob(&file, name),
        None => false,
    }
}

/// Saves a blob as a download named `name`.
pub fn download_blob(blob: &web_sys::Blob, name: &str) -> bool {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return false;
    };
    let doc = leptos::prelude::document();
    let Ok(a) = doc.create_element("a") else {
        return false;
    };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let _ = doc.body().map(|b| b.append_child(&a));
    a.click();
    a.remove();
    // Give the browser time to start the download before the URL goes.
    gloo_timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    true
}

fn navigator_fn(name: &str) -> Option<js_sys::Function> {
    let nav = leptos::prelude::window().navigator();
    js_sys::Reflect::get(&nav, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
}

fn share_data(file: &web_sys::File) -> js_sys::Object {
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(file));
    data
}

/// True where the browser can share a file through the system share sheet (Web Share).
pub fn can_share_files() -> bool {
    let (Some(can_share), Some(_)) = (navigator_fn("canShare"), navigator_fn("share")) else {
        return false;
    };
    let Some(file) = json_file("{}", "test.json") else {
        return false;
    };
    let nav = leptos::prelude::window().navigator();
    can_share
        .call1(&nav, &share_data(&file))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Shares `text` as a file through the system share sheet. `Ok(false)` when the learner
/// cancelled.
pub async fn share(text: &str, name: &str) -> Result<bool, String> {
    share_as(text, name, "application/json").await
}

/// Shares `text` of type `mime` as a file through the system share sheet.
pub async fn share_as(text: &str, name: &str, mime: &str) -> Result<bool, String> {
    let share = navigator_fn("share").ok_or("no Web Share")?;
    let file = text_file(text, name, mime).ok_or("no file")?;
    let nav = leptos::prelude::window().navigator();
    let promise: js_sys::Promise = share
        .call1(&nav, &share_data(&file))
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    match JsFuture::from(promise).await {
        Ok(_) => Ok(true),
        Err(e) => {
            let name = js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            if name == "AbortError" {
                Ok(false)
            } else {
                Err(name)
            }
        }
    }
}

/// The bytes of a file the learner chose.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Copies `text` to the clipboard. Returns whether the browser allowed it.
pub async fn copy(text: &str) -> bool {
    let clipboard = leptos::prelude::window().navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// This app's origin (`https://host`), for links.
pub fn origin() -> String {
    leptos::prelude::window()
        .location()
        .origin()
        .unwrap_or_default()
}

/// Draws an SVG picture of `width`×`height` CSS pixels into a PNG at `scale` times that size
/// (sharp on high-density screens and in print).
pub async fn svg_to_png(
    svg: &str,
    width: f64,
    height: f64,
    scale: f64,
) -> Result<web_sys::Blob, String> {
    let err = |e: JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let img = web_sys::HtmlImageElement::new().map_err(err)?;
    img.set_src(&url);
    let decoded = JsFuture::from(img.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(err)?;
    let doc = leptos::prelude::document();
    let canvas: web_sys::HtmlCanvasElement =
        doc.create_element("canvas").map_err(err)?.unchecked_into();
    canvas.set_width((width * scale).round() as u32);
    canvas.set_height((height * scale).round() as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(err)?
        .ok_or("no 2d context")?
        .unchecked_into();
    ctx.scale(scale, scale).map_err(err)?;
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, width, height)
        .map_err(err)?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let done = wasm_bindgen::closure::Closure::once_into_js(move |blob: JsValue| {
            if blob.is_null() {
                let _ = reject.call1(&JsValue::NULL, &"the picture could not be encoded".into());
            } else {
                let _ = resolve.call1(&JsValue::NULL, &blob);
            }
        });
        let _ = canvas.to_blob(done.unchecked_ref());
    });
    let png = JsFuture::from(promise).await.map_err(err)?;
    Ok(png.unchecked_into())
}

/// Applies a colour theme (`data-theme` on `<html>`, which the stylesheet reads) and a text size
/// (the root font size, set through the CSSOM, which the Content Security Policy allows).
pub fn apply_appearance(
    theme: erasmi_core::appearance::Theme,
    size: erasmi_core::appearance::TextSize,
) {
    let Some(html) = leptos::prelude::document().document_element() else {
        return;
    };
    let _ = html.set_attribute("data-theme", theme.as_str());
    if let Some(html) = html.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html
            .style()
            .set_property("font-size", &format!("{}%", size.percent()));
    }
}

/// Opens the browser's print dialog.
pub fn print() {
    let _ = leptos::prelude::window().print();
}

/// The `localStorage` key of the [`FirstPaint`] hint.
pub const FIRST_PAINT_KEY: &str = "erasmi.first-paint";

/// How the last visit looked, so that `index.html`'s pre-rendered first screen (shown before
/// the wasm has arrived, by `tools/first-paint.js`) matches what the app then shows: its language,
/// colour theme, text size and active profile. A hint, not a record: IndexedDB stays the only
/// source of truth, and the app writes the hint again whenever one of these changes.
#[derive(Debug, serde::Serialize, PartialEq)]
pub struct FirstPaint {
    /// Version of this hint's shape; the first-paint script ignores any other.
    pub v: u32,
    pub lang: String,
    /// The `data-theme` value.
    pub theme: &'static str,
    /// The root font size in percent.
    pub size: u16,
    /// The active profile's chosen name and its initials; both empty for the unnamed profile,
    /// which the pre-rendered page already shows in each language.
    pub name: String,
    pub initials: String,
    /// The avatar colour (CSS class `avatar-<colour>`).
    pub color: &'static str,
    /// The catalog's "continue where you left off" card, if the learner has one.
    pub resume: Option<Resume>,
}

/// The catalog's "continue" card, in the language of the hint.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct Resume {
    /// The module's title.
    pub title: String,
    /// Where in the module ("Lesson 2 of 4").
    pub place: String,
    /// The lesson's address.
    pub href: String,
}

/// The language of the last visit, from the first-paint hint: a guess at the strings start-up
/// needs, never a setting (the stored language choice decides).
pub fn remembered_language() -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Hint {
        v: u32,
        lang: String,
    }
    let json = leptos::prelude::window()
        .local_storage()
        .ok()??
        .get_item(FIRST_PAINT_KEY)
        .ok()??;
    let hint: Hint = serde_json::from_str(&json).ok()?;
    (hint.v == 1).then_some(hint.lang)
}

/// Stores the first-paint hint; a browser that refuses `localStorage` only loses the hint.
pub fn remember_first_paint(hint: &FirstPaint) {
    let Ok(json) = serde_json::to_string(hint) else {
        return;
    };
    if let Ok(Some(storage)) = leptos::prelude::window().local_storage() {
        let _ = storage.set_item(FIRST_PAINT_KEY, &json);
    }
}
