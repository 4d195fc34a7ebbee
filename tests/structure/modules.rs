//! The crate's module tree read from source: which file each module lives in, what it
//! defines, what its `use` items bind, and every path it names that starts in the crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// A module path from the crate root: `["crate", "domain", "snapshot"]`.
pub type ModPath = Vec<String>;

/// One module (a file, or an inline `mod x { … }` inside one).
#[derive(Default)]
pub struct Module {
    /// The file it is written in, relative to the crate's directory (`src/domain/mod.rs`).
    pub file: String,
    /// Names of its child modules.
    pub children: BTreeSet<String>,
    /// Names of the items it defines itself (fn, struct, enum, trait, const, …).
    pub items: BTreeSet<String>,
    /// `use a::b as c;` binds `c` to `a::b` (paths as written, relative to this module).
    pub bindings: BTreeMap<String, Vec<String>>,
    /// `use a::b::*;` globs, as written.
    pub globs: Vec<Vec<String>>,
    /// Every path of two or more segments it names (in `use` items, code and macros).
    pub refs: Vec<Vec<String>>,
}

/// The whole module tree of one crate.
#[derive(Default)]
pub struct Crate {
    pub modules: BTreeMap<ModPath, Module>,
}

impl Crate {
    /// Read the crate whose root file is `root` (e.g. `src/lib.rs`), following `mod x;`.
    pub fn load(manifest_dir: &Path, root: &str) -> Crate {
        let mut krate = Crate::default();
        krate.load_file(manifest_dir, Path::new(root), vec!["crate".to_string()]);
        krate
    }

    fn load_file(&mut self, base: &Path, file: &Path, path: ModPath) {
        let text = std::fs::read_to_string(base.join(file))
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let parsed =
            syn::parse_file(&text).unwrap_or_else(|e| panic!("cannot parse {}: {e}", file.display()));
        let dir = child_dir(file);
        self.load_items(base, file, &dir, path, &parsed.items);
    }

    fn load_items(&mut self, base: &Path, file: &Path, dir: &Path, path: ModPath, items: &[syn::Item]) {
        let mut module = Module { file: file.display().to_string(), ..Module::default() };
        let mut nested = Vec::new();
        for item in items {
            if let syn::Item::Mod(m) = item {
                let name = m.ident.to_string();
                module.children.insert(name.clone());
                nested.push((m, name));
                continue;
            }
            record_item(&mut module, item);
        }
        self.modules.insert(path.clone(), module);
        for (m, name) in nested {
            let mut child = path.clone();
            child.push(name.clone());
            match &m.content {
                Some((_, inner)) => self.load_items(base, file, &dir.join(&name), child, inner),
                None => {
                    let child_file = module_file(base, file, dir, m, &name);
                    self.load_file(base, &child_file, child);
                }
            }
        }
    }
}

/// The directory where a file's `mod x;` declarations look for `x.rs` / `x/mod.rs`.
fn child_dir(file: &Path) -> PathBuf {
    let parent = file.parent().unwrap_or(Path::new("")).to_path_buf();
    match file.file_stem().and_then(|s| s.to_str()) {
        Some("mod" | "lib" | "main") => parent,
        Some(stem) => parent.join(stem),
        None => parent,
    }
}

/// The file that `mod name;` (in `file`, looking in `dir`) loads.
fn module_file(base: &Path, file: &Path, dir: &Path, m: &syn::ItemMod, name: &str) -> PathBuf {
    for attr in &m.attrs {
        if attr.path().is_ident("path")
            && let syn::Meta::NameValue(nv) = &attr.meta
            && let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &nv.value
        {
            return file.parent().unwrap_or(Path::new("")).join(s.value());
        }
    }
    let flat = dir.join(format!("{name}.rs"));
    if base.join(&flat).exists() { flat } else { dir.join(name).join("mod.rs") }
}

/// Note what one item defines, binds and refers to.
fn record_item(module: &mut Module, item: &syn::Item) {
    let ident = match item {
        syn::Item::Const(i) => Some(&i.ident),
        syn::Item::Enum(i) => Some(&i.ident),
        syn::Item::Fn(i) => Some(&i.sig.ident),
        syn::Item::Macro(i) => i.ident.as_ref(),
        syn::Item::Static(i) => Some(&i.ident),
        syn::Item::Struct(i) => Some(&i.ident),
        syn::Item::Trait(i) => Some(&i.ident),
        syn::Item::TraitAlias(i) => Some(&i.ident),
        syn::Item::Type(i) => Some(&i.ident),
        syn::Item::Union(i) => Some(&i.ident),
        _ => None,
    };
    if let Some(ident) = ident {
        module.items.insert(ident.to_string());
    }
    if let syn::Item::Use(u) = item {
        flatten_use(&u.tree, &mut Vec::new(), module);
        if !matches!(u.vis, syn::Visibility::Inherited) {
            // A re-export is the module's face, not its own use: whoever names the item
            // through it is followed to the defining file instead.
            return;
        }
    }
    let mut refs = Refs::default();
    refs.visit_item(item);
    module.refs.extend(refs.paths);
}

/// Turn a use tree into bindings and globs (`use a::{b, c as d, e::*}`).
fn flatten_use(tree: &syn::UseTree, prefix: &mut Vec<String>, module: &mut Module) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten_use(&p.tree, prefix, module);
            prefix.pop();
        }
        syn::UseTree::Name(n) => bind(module, prefix, &n.ident.to_string(), &n.ident.to_string()),
        syn::UseTree::Rename(r) => bind(module, prefix, &r.ident.to_string(), &r.rename.to_string()),
        syn::UseTree::Glob(_) => module.globs.push(prefix.clone()),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| flatten_use(t, prefix, module)),
    }
}

fn bind(module: &mut Module, prefix: &[String], name: &str, alias: &str) {
    let mut full = prefix.to_vec();
    if name != "self" {
        full.push(name.to_string());
    }
    let alias = if alias == "self" { full.last().cloned().unwrap_or_default() } else { alias.to_string() };
    if alias != "_" {
        module.bindings.insert(alias, full);
    }
}

/// Collects the paths an item names, without entering nested modules (they are their own).
#[derive(Default)]
struct Refs {
    paths: Vec<Vec<String>>,
}

impl<'ast> Visit<'ast> for Refs {
    fn visit_item_mod(&mut self, _: &'ast syn::ItemMod) {}

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.segments.len() > 1 {
            self.paths.push(path.segments.iter().map(|s| s.ident.to_string()).collect());
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_use_tree(&mut self, tree: &'ast syn::UseTree) {
        let mut scratch = Module::default();
        flatten_use(tree, &mut Vec::new(), &mut scratch);
        self.paths.extend(scratch.bindings.into_values());
        self.paths.extend(scratch.globs);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        macro_paths(mac.tokens.clone(), &mut self.paths);
        syn::visit::visit_macro(self, mac);
    }
}

/// `crate::a::b` / `super::a` sequences inside a macro's tokens (format! arguments and the like).
fn macro_paths(tokens: proc_macro2::TokenStream, out: &mut Vec<Vec<String>>) {
    use proc_macro2::TokenTree;
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        if let TokenTree::Group(g) = &tokens[i] {
            macro_paths(g.stream(), out);
        }
        let starts = matches!(&tokens[i], TokenTree::Ident(id) if id == "crate" || id == "super");
        let after_colons = i >= 2
            && matches!((&tokens[i - 1], &tokens[i - 2]), (TokenTree::Punct(a), TokenTree::Punct(b)) if a.as_char() == ':' && b.as_char() == ':');
        if starts && !after_colons {
            let mut path = vec![tokens[i].to_string()];
            let mut j = i + 1;
            while j + 2 < tokens.len() && is_colons(&tokens[j], &tokens[j + 1]) {
                match &tokens[j + 2] {
                    TokenTree::Ident(id) => path.push(id.to_string()),
                    _ => break,
                }
                j += 3;
            }
            if path.len() > 1 {
                out.push(path);
            }
            i = j;
            continue;
        }
        i += 1;
    }
}

fn is_colons(a: &proc_macro2::TokenTree, b: &proc_macro2::TokenTree) -> bool {
    use proc_macro2::TokenTree::Punct;
    matches!((a, b), (Punct(x), Punct(y)) if x.as_char() == ':' && y.as_char() == ':')
}
