//! Lines per file and per function (signature to closing brace) in a source tree.

use std::path::{Path, PathBuf};
use syn::spanned::Spanned;
use syn::visit::Visit;

/// Every `.rs` file under `dir`, relative to `base`, sorted.
pub fn rust_files(base: &Path, dir: &str) -> Vec<PathBuf> {
    fn walk(base: &Path, at: &Path, out: &mut Vec<PathBuf>) {
        let entries = std::fs::read_dir(base.join(at)).unwrap_or_else(|e| panic!("{}: {e}", at.display()));
        for entry in entries.flatten() {
            let rel = at.join(entry.file_name());
            if entry.path().is_dir() {
                walk(base, &rel, out);
            } else if rel.extension().is_some_and(|e| e == "rs") {
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(base, Path::new(dir), &mut out);
    out.sort();
    out
}

/// A function's place and length.
pub struct FnLength {
    /// `Type::method` or `outer::inner` for nested functions.
    pub name: String,
    /// Line of the signature.
    pub line: usize,
    /// Lines from the signature to the closing brace, both included.
    pub lines: usize,
}

/// Every function with a body in a file's source: free, in impls and traits, nested.
pub fn functions(text: &str) -> Vec<FnLength> {
    let file = syn::parse_file(text).expect("parse");
    let mut visitor = Functions::default();
    visitor.visit_file(&file);
    visitor.found
}

#[derive(Default)]
struct Functions {
    /// Names of the impls, traits, modules and functions we are inside.
    scope: Vec<String>,
    found: Vec<FnLength>,
}

impl Functions {
    fn record(&mut self, ident: &syn::Ident, sig: &syn::Signature, block: &syn::Block) {
        let start = sig.span().start().line;
        let end = block.brace_token.span.close().end().line;
        let mut name = self.scope.clone();
        name.push(ident.to_string());
        self.found.push(FnLength { name: name.join("::"), line: start, lines: end + 1 - start });
    }

    fn inside(&mut self, name: String, visit: impl FnOnce(&mut Self)) {
        self.scope.push(name);
        visit(self);
        self.scope.pop();
    }
}

impl<'ast> Visit<'ast> for Functions {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.record(&f.sig.ident, &f.sig, &f.block);
        self.inside(f.sig.ident.to_string(), |v| syn::visit::visit_item_fn(v, f));
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.record(&f.sig.ident, &f.sig, &f.block);
        self.inside(f.sig.ident.to_string(), |v| syn::visit::visit_impl_item_fn(v, f));
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.record(&f.sig.ident, &f.sig, block);
        }
        self.inside(f.sig.ident.to_string(), |v| syn::visit::visit_trait_item_fn(v, f));
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let ty = &i.self_ty;
        let name = quote_type(ty);
        self.inside(name, |v| syn::visit::visit_item_impl(v, i));
    }

    fn visit_item_trait(&mut self, t: &'ast syn::ItemTrait) {
        self.inside(t.ident.to_string(), |v| syn::visit::visit_item_trait(v, t));
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        self.inside(m.ident.to_string(), |v| syn::visit::visit_item_mod(v, m));
    }
}

/// The last segment of an impl's self type (`Store` for `impl crate::store::Store`).
fn quote_type(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
        syn::Type::Reference(r) => quote_type(&r.elem),
        _ => "impl".to_string(),
    }
}
