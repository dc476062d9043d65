//! ERASMI Toolkit: mounts the app and installs the panic hook; nothing else.

fn main() {
    console_error_panic_hook::set_once();
    erasmi::boot();
}
