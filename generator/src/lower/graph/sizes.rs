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

use super::{Boxes, direct_target};
use crate::lower::draft::{Drafts, Shape};
use crate::model::{Presence, Storage, Type, TypeId, Usage};

/// How many bytes the largest variant may be above the next one before it is boxed.
pub const MARGIN: usize = 160;

/// The size of a pointer (`Box`), and the alignment every estimate rounds to.
const WORD: usize = 8;

/// Boxes, in every union, the variants that make it [`MARGIN`] bytes larger
/// than its next largest variant needs (adding them to `boxes`, which holds
/// the values boxed so far), and returns, by index, the operation outcomes
/// whose largest variant is so much larger than the next
/// ([`VariantSizes::Lopsided`](crate::model::VariantSizes::Lopsided): they
/// stay unboxed).
pub(super) fn box_large_variants(types: &Drafts, usage: &[Usage], boxes: &mut Boxes) -> Vec<bool> {
    let mut sizes = Sizes { known: vec![None; types.len()], boxed: Vec::new(), lopsided: Vec::new() };
    // Each type after the types it holds inline (a walk with a stack of its
    // own: a chain of thousands of types must not overflow the thread's).
    let mut state = vec![Walk::New; types.len()];
    let targets: Vec<Vec<TypeId>> = types.ids().map(|id| inline_targets(types, boxes, id)).collect();
    let context = Context { types, usage, boxes };
    for root in types.ids() {
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
                    sizes.measure(&context, id);
                    *walk = Walk::Done;
                }
            }
        }
    }
    for (id, variant) in sizes.boxed {
        boxes.insert(id, variant);
    }
    let mut lopsided = vec![false; types.len()];
    for id in sizes.lopsided {
        lopsided[id.index()] = true;
    }
    lopsided
}

/// What the sizes are estimated from: the types, their usage, and the values boxed before.
struct Context<'d> {
    types: &'d Drafts,
    usage: &'d [Usage],
    boxes: &'d Boxes,
}

/// Where the walk of [`box_large_variants`] is with a type.
#[derive(Clone, Copy, PartialEq)]
enum Walk {
    New,
    Open,
    Done,
}

/// The named types a value of the type `id` holds inline (not behind a
/// `Box`, a `Vec` or a map), whose sizes its own size is made of.
fn inline_targets(types: &Drafts, boxes: &Boxes, id: TypeId) -> Vec<TypeId> {
    let inline = |position: usize, ty: &Type| match boxes.storage(id, position) {
        Storage::Inline => direct_target(ty),
        Storage::Boxed => None,
    };
    match &types[id].shape {
        Shape::Struct(s) | Shape::Params(s) => s.fields.iter().enumerate().filter_map(|(i, f)| inline(i, &f.ty)).collect(),
        Shape::Union(u) => u.variants.iter().enumerate().filter_map(|(i, v)| inline(i, &v.ty)).collect(),
        Shape::Tuple(items) => items.iter().enumerate().filter_map(|(i, ty)| inline(i, ty)).collect(),
        Shape::Alias(ty) => direct_target(ty).into_iter().collect(),
        Shape::Outcome(variants) => variants.iter().filter_map(|v| v.body.as_ref().and_then(direct_target)).collect(),
        Shape::Enum(_) | Shape::Queued | Shape::Building => Vec::new(),
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
    fn measure(&mut self, context: &Context<'_>, id: TypeId) {
        let boxed = |position: usize| context.boxes.storage(id, position) == Storage::Boxed;
        let size = match &context.types[id].shape {
            Shape::Struct(s) | Shape::Params(s) => {
                let fields = s.fields.iter().enumerate().map(|(position, f)| {
                    let value = if boxed(position) { WORD } else { self.of(&f.ty) };
                    match f.presence {
                        Presence::Required => value,
                        // `Option<T>`, `Option<Nullable<T>>`: a tag each where no niche holds it.
                        Presence::RequiredNullable | Presence::Optional => value + WORD,
                        Presence::OptionalNullable => value + 2 * WORD,
                    }
                });
                round(fields.sum())
            }
            Shape::Enum(_) => 3 * WORD, // the open form: `Unknown(String)`
            Shape::Union(union) => {
                let mut variants: Vec<(usize, usize)> = union
                    .variants
                    .iter()
                    .enumerate()
                    .map(|(index, v)| (if boxed(index) { WORD } else { self.of(&v.ty) }, index))
                    .collect();
                let in_response = matches!(context.usage.get(id.index()), Some(Usage::Response | Usage::Both));
                if in_response && union.discriminator.is_some() {
                    // The variant emit adds for tags the spec does not list:
                    // `Unknown(serde_json::Value)` (no index: it is never boxed).
                    variants.push((self.of(&Type::Json), usize::MAX));
                }
                if union.empty.is_some() {
                    // The unit variant of the empty string holds nothing.
                    variants.push((0, usize::MAX));
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
            Shape::Alias(ty) => self.of(ty),
            Shape::Outcome(outcome) => {
                // A variant without a body holds nothing.
                let mut variants: Vec<usize> =
                    outcome.iter().map(|v| v.body.as_ref().map_or(0, |ty| self.of(ty))).collect();
                variants.sort_unstable_by(|a, b| b.cmp(a));
                if let [largest, next, ..] = variants[..] {
                    if largest > next + MARGIN {
                        self.lopsided.push(id);
                    }
                }
                WORD + variants.first().copied().unwrap_or(0)
            }
            Shape::Tuple(items) => {
                round(items.iter().enumerate().map(|(i, ty)| if boxed(i) { WORD } else { self.of(ty) }).sum())
            }
            // Every type is built before the passes run; one that were not
            // would be any JSON value (see `assemble`).
            Shape::Queued | Shape::Building => self.of(&Type::Json),
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
