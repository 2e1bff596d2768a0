//! Running text → Norwegian date, period and duration mentions (`DateMention`).
