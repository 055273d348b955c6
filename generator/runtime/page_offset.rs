//! Page numbers and offsets: the one after the current page, without overflow.

/// An integer page number or offset.
pub(crate) trait Advance: Sized {
    /// The value `by` further on; `None` when it does not fit (the walk ends).
    fn advance(self, by: usize) -> Option<Self>;
}

macro_rules! advance {
    ($($int:ty),*) => {
        $(
            impl Advance for $int {
                fn advance(self, by: usize) -> Option<Self> {
                    <$int>::try_from(by).ok().and_then(|by| self.checked_add(by))
                }
            }
        )*
    };
}

advance!(i32, i64, u32, u64);
