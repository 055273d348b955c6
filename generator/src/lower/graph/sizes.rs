//! Boxing of union variants much larger than the others.
//!
//! An enum is as large as its largest variant, so a union of a string and a
//! struct of forty fields makes every string value hundreds of bytes; clippy
//! denies such an enum (`large_enum_variant`: the largest variant 200 bytes
//! or more above the next). The largest variant is boxed while it is more
//! than [`MARGIN`] bytes above the next one. Sizes are estimated from the
//! model the way rustc lays the generated types out on a 64-bit target (see
//! [`Sizes::of`]); the margin below clippy's 200 bytes covers what the
//! estimate misses (padding, niches, the caller's own types).

use super::direct_target;
use crate::model::{Api, Presence, Storage, Type, TypeId, TypeKind, VariantSizes};

/// How many bytes the largest variant may be above the next one before it is boxed.
pub const MARGIN: usize = 160;

/// The size of a pointer (`Box`), and the alignment every estimate rounds to.
const WORD: usize = 8;

/// Boxes, in every union, the variants that make it [`MARGIN`] bytes larger
/// than its next largest variant needs, and marks the operation outcomes
/// whose largest variant is so much larger than the next
/// ([`VariantSizes::Lopsided`]: they stay unboxed).
pub fn box_large_variants(api: &mut Api) {
    let mut sizes = Sizes { known: vec![None; api.types.len()], boxed: Vec::new(), lopsided: Vec::new() };
    // Each type after the types it holds inline (a walk with a stack of its
    // own: a chain of thousands of types must not overflow the thread's).
    let mut state = vec![Walk::New; api.types.len()];
    let targets: Vec<Vec<TypeId>> = api.types.iter().map(|def| inline_targets(&def.kind)).collect();
    for root in api.types.ids() {
        let mut stack = vec![(root, 0)];
        while let Some((id, next)) = stack.pop() {
            let Some(walk) = state.get_mut(id.index()) else { continue };
            if next == 0 {
                if *walk != Walk::New {
                    continue;
                }
                *walk = Walk::Open;
            }
            match targets.get(id.index()).and_then(|targets| targets.get(next)) {
                Some(&target) => {
                    stack.push((id, next + 1));
                    if state.get(target.index()) == Some(&Walk::New) {
                        stack.push((target, 0));
                    }
                }
                None => {
                    sizes.measure(api, id);
                    *walk = Walk::Done;
                }
            }
        }
    }
    for (id, variant) in sizes.boxed {
        if let TypeKind::Union(union) = &mut api.types[id].kind {
            if let Some(variant) = union.variants.get_mut(variant) {
                variant.storage = Storage::Boxed;
            }
        }
    }
    for id in sizes.lopsided {
        if let TypeKind::Outcome(outcome) = &mut api.types[id].kind {
            outcome.sizes = VariantSizes::Lopsided;
        }
    }
}

/// Where the walk of [`box_large_variants`] is with a type.
#[derive(Clone, Copy, PartialEq)]
enum Walk {
    New,
    Open,
    Done,
}

/// The named types a value of `kind` holds inline (not behind a `Box`, a
/// `Vec` or a map), whose sizes its own size is made of.
fn inline_targets(kind: &TypeKind) -> Vec<TypeId> {
    match kind {
        TypeKind::Struct(s) | TypeKind::Params(s) => {
            s.fields.iter().filter(|f| f.storage == Storage::Inline).filter_map(|f| direct_target(&f.ty)).collect()
        }
        TypeKind::Union(u) => {
            u.variants.iter().filter(|v| v.storage == Storage::Inline).filter_map(|v| direct_target(&v.ty)).collect()
        }
        TypeKind::Tuple(t) => {
            t.items.iter().filter(|i| i.storage == Storage::Inline).filter_map(|i| direct_target(&i.ty)).collect()
        }
        TypeKind::Alias(ty) => direct_target(ty).into_iter().collect(),
        TypeKind::Outcome(o) => o.variants.iter().filter_map(|v| v.body.as_ref().and_then(direct_target)).collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Estimated sizes of the named types, with the variants chosen for boxing.
struct Sizes {
    known: Vec<Option<usize>>,
    /// (union, variant index) to box.
    boxed: Vec<(TypeId, usize)>,
    /// Outcomes whose largest variant is far larger than the next.
    lopsided: Vec<TypeId>,
}

impl Sizes {
    /// Estimates the size of the named type `id` (after those it holds
    /// inline), choosing the variants of a union to box first.
    fn measure(&mut self, api: &Api, id: TypeId) {
        let size = match &api.types[id].kind {
            TypeKind::Struct(s) | TypeKind::Params(s) => {
                let fields = s.fields.iter().map(|f| {
                    let value = if f.storage == Storage::Boxed { WORD } else { self.of(&f.ty) };
                    match f.presence {
                        Presence::Required => value,
                        // `Option<T>`, `Option<Nullable<T>>`: a tag each where no niche holds it.
                        Presence::RequiredNullable | Presence::Optional => value + WORD,
                        Presence::OptionalNullable => value + 2 * WORD,
                    }
                });
                round(fields.sum())
            }
            TypeKind::Enum(_) => 3 * WORD, // the open form: `Unknown(String)`
            TypeKind::Union(union) => {
                let mut variants: Vec<(usize, usize)> = union
                    .variants
                    .iter()
                    .enumerate()
                    .map(|(index, v)| (if v.storage == Storage::Boxed { WORD } else { self.of(&v.ty) }, index))
                    .collect();
                if api.types[id].in_response() && union.discriminator.is_some() {
                    // The variant emit adds for tags the spec does not list:
                    // `Unknown(serde_json::Value)` (no index: it is never boxed).
                    variants.push((self.of(&Type::Json), usize::MAX));
                }
                variants.sort_unstable_by(|a, b| b.cmp(a));
                while let [(largest, index), (next, _), ..] = variants[..] {
                    if largest <= next + MARGIN {
                        break;
                    }
                    self.boxed.push((id, index));
                    variants[0].0 = WORD;
                    variants.sort_unstable_by(|a, b| b.cmp(a));
                }
                WORD + variants.first().map_or(0, |(size, _)| *size)
            }
            TypeKind::Alias(ty) => self.of(ty),
            TypeKind::Outcome(outcome) => {
                // A variant without a body holds nothing.
                let mut variants: Vec<usize> =
                    outcome.variants.iter().map(|v| v.body.as_ref().map_or(0, |ty| self.of(ty))).collect();
                variants.sort_unstable_by(|a, b| b.cmp(a));
                if let [largest, next, ..] = variants[..] {
                    if largest > next + MARGIN {
                        self.lopsided.push(id);
                    }
                }
                WORD + variants.first().copied().unwrap_or(0)
            }
            TypeKind::Tuple(tuple) => {
                round(tuple.items.iter().map(|i| if i.storage == Storage::Boxed { WORD } else { self.of(&i.ty) }).sum())
            }
        };
        if let Some(known) = self.known.get_mut(id.index()) {
            *known = Some(size);
        }
    }

    /// The estimated size of a value of `ty` stored inline, as the generated
    /// Rust type is laid out: `String`, `Vec` and `BTreeMap` are three words,
    /// `serde_json::Value` four, `chrono::DateTime<Utc>` 12 bytes, and a
    /// type of the caller's own is guessed at three words. A named type not
    /// measured yet (none is: each comes after what it holds) counts as a word.
    fn of(&self, ty: &Type) -> usize {
        match ty {
            Type::Named(id) => self.known.get(id.index()).copied().flatten().unwrap_or(WORD),
            Type::Bool => 1,
            Type::I32 | Type::U32 | Type::F32 | Type::Date => 4,
            Type::I64 | Type::U64 | Type::F64 => WORD,
            Type::DateTime => 12,
            Type::Uuid => 16,
            Type::String | Type::Secret | Type::Bytes | Type::Vec(_) | Type::Map(_) | Type::External(_) => 3 * WORD,
            Type::Json => 4 * WORD,
            Type::Upload => 5 * WORD,
            Type::Option(inner) => self.of(inner) + WORD,
        }
    }
}

/// `size` rounded up to a whole number of words.
fn round(size: usize) -> usize {
    size.div_ceil(WORD) * WORD
}
