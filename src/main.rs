//! ERASMI Toolkit: mounts the app and installs the panic hook; nothing else.

fn main() {
    erasmi::panic::install();
    erasmi::boot();
}
