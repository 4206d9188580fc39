//! Shared helpers of the benchmark binaries.

/// The median of `samples` (0 for none).
pub fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples.get(samples.len() / 2).copied().unwrap_or(0.0)
}

/// Cores this process may run on.
pub fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Prints a section title.
pub fn print_header(title: &str) {
    println!("\n== {title}");
}
