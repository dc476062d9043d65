//! `content-check [DIR]`: loads a content folder and prints every problem the content test would
//! report. `content-check --write-schema [DIR]` regenerates `DIR/schema/` from the Rust model;
//! `content-check --write-catalog [DIR]` regenerates `DIR/catalog.json`, the search files
//! `DIR/search/<lang>.json` and `DIR/progress.json` from the module files.
//! `content-check --lesson-pages [DIR]` prints
//! what the build's pre-rendered lesson pages show, as JSON (`tools/prerender.mjs`).
//! `content-check --compile DIR` rewrites DIR's modules, cases and blueprints with their markdown
//! parsed, as the build ships them (`tools/post-build.mjs`, on its copy of the content);
//! `content-check --parse-module` does the same for one module file from standard input.

use std::path::PathBuf;
use std::process::ExitCode;

use erasmi_core::{native, validate};

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let write_schema = args.iter().any(|a| a == "--write-schema");
    args.retain(|a| a != "--write-schema");
    let dir = PathBuf::from(args.first().map(String::as_str).unwrap_or("content"));

    if let Some(i) = args.iter().position(|a| a == "--file") {
        let (Some(kind), Some(path)) = (args.get(i + 1), args.get(i + 2)) else {
            eprintln!("usage: content-check --file KIND PATH");
            return ExitCode::FAILURE;
        };
        return check_file(kind, path);
    }

    if args.iter().any(|a| a == "--write-catalog") {
        args.retain(|a| a != "--write-catalog");
        let dir = PathBuf::from(args.first().map(String::as_str).unwrap_or("content"));
        return write_catalog(&dir);
    }

    if args.iter().any(|a| a == "--parse-module") {
        use std::io::Read;
        let mut json = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut json) {
            eprintln!("standard input: {e}");
            return ExitCode::FAILURE;
        }
        return match native::parsed_module(&json) {
            Ok(shipped) => {
                println!("{shipped}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }

    if args.iter().any(|a| a == "--compile") {
        args.retain(|a| a != "--compile");
        let dir = PathBuf::from(args.first().map(String::as_str).unwrap_or("content"));
        return match native::compile(&dir) {
            Ok(files) => {
                println!(
                    "parsed the markdown of {} files in {}",
                    files.len(),
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }

    if args.iter().any(|a| a == "--lesson-pages") {
        args.retain(|a| a != "--lesson-pages");
        let dir = PathBuf::from(args.first().map(String::as_str).unwrap_or("content"));
        return match native::load_bundle(&dir) {
            Ok(bundle) => {
                println!("{}", native::lesson_pages(&bundle));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }

    if write_schema {
        let out = dir.join("schema");
        std::fs::create_dir_all(&out).expect("create schema folder");
        for (name, json) in native::schemas() {
            std::fs::write(out.join(name), json).expect("write schema");
            println!("wrote {}", out.join(name).display());
        }
        return ExitCode::SUCCESS;
    }

    let bundle = match native::load_bundle(&dir) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let problems = bundle.check();
    for p in &problems {
        println!("{p}");
    }
    let stale = native::stale_generated_files(&dir, &bundle);
    for path in &stale {
        println!("{path}: out of date: run `make catalog`");
    }
    println!(
        "{} modules, {} cases, {} blueprints, {} glossary terms: {} problems",
        bundle.modules.len(),
        bundle.cases.cases.len(),
        bundle.blueprints.blueprints.len(),
        bundle.glossary.terms.len(),
        problems.len()
    );
    if problems.is_empty() && stale.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn check_file(kind: &str, path: &str) -> ExitCode {
    use erasmi_core::content::*;
    let json = match std::fs::read_to_string(path) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let langs = ["en", "de"];
    let result: Result<Vec<validate::Problem>, validate::ContentError> = match kind {
        "module" => validate::parse::<Module>(&json).map(|m| {
            let mut p = validate::check_module(&m);
            p.extend(validate::check_module_editorial(&m, &langs));
            let words: Vec<String> = m
                .lessons
                .iter()
                .map(|l| {
                    format!(
                        "{}: en {} / de {}",
                        l.id,
                        erasmi_core::markdown::words(&l.body.get("en").parsed()),
                        erasmi_core::markdown::words(&l.body.get("de").parsed())
                    )
                })
                .collect();
            println!("lesson words: {}", words.join(", "));
            p
        }),
        "cases" => validate::parse::<Compendium>(&json).map(|_| vec![]),
        "blueprints" => validate::parse::<Blueprints>(&json).map(|_| vec![]),
        "glossary" => validate::parse::<Glossary>(&json).map(|_| vec![]),
        "competences" => validate::parse::<CompetenceFramework>(&json).map(|_| vec![]),
        "taxonomy" => validate::parse::<Taxonomy>(&json).map(|_| vec![]),
        "health-check" => validate::parse::<HealthCheck>(&json).map(|_| vec![]),
        other => {
            eprintln!("unknown kind {other}");
            return ExitCode::FAILURE;
        }
    };
    match result {
        Ok(problems) => {
            for p in &problems {
                println!("{p}");
            }
            println!("{path}: {} problems", problems.len());
            if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            println!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_catalog(dir: &std::path::Path) -> ExitCode {
    use erasmi_core::content::*;
    let order: Vec<String> = std::fs::read_to_string(dir.join("catalog.json"))
        .ok()
        .and_then(|j| serde_json::from_str::<serde_json::Value>(&j).ok())
        .and_then(|v| {
            v.get("modules")?.as_array().map(|a| {
                a.iter()
                    .filter_map(|m| m.get("id")?.as_str().map(str::to_owned))
                    .collect()
            })
        })
        .unwrap_or_default();
    let mut modules = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir.join("modules"))
        .expect("modules folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let json = std::fs::read_to_string(&path).expect("read module");
        match validate::parse::<Module>(&json) {
            Ok(m) => modules.push(m),
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    modules.sort_by_key(|m| {
        order
            .iter()
            .position(|id| *id == m.id)
            .unwrap_or(usize::MAX)
    });
    let catalog = Catalog {
        format: CONTENT_FORMAT,
        modules: modules
            .iter()
            .map(|m| CatalogEntry {
                id: m.id.clone(),
                version: m.version,
                title: m.title.clone(),
                summary: m.summary.clone(),
                duration_minutes: m.duration_minutes,
                competences: m.competences.clone(),
                lessons: m.lessons.iter().map(|l| l.id.clone()).collect(),
            })
            .collect(),
        competences: match competence_names(dir, &modules) {
            Ok(names) => names,
            Err(e) => {
                eprintln!("{}: {e}", dir.join("competences.json").display());
                return ExitCode::FAILURE;
            }
        },
    };
    let mut json = serde_json::to_string_pretty(&catalog).expect("serialise catalog");
    json.push('\n');
    std::fs::write(dir.join("catalog.json"), json).expect("write catalog");
    println!(
        "wrote {} with {} modules",
        dir.join("catalog.json").display(),
        catalog.modules.len()
    );
    let bundle = match native::load_bundle(dir) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match native::write_generated_files(dir, &bundle) {
        Ok(paths) => {
            for p in paths {
                println!("wrote {}", p.display());
            }
        }
        Err(e) => {
            eprintln!("generated files: {e}");
            return ExitCode::FAILURE;
        }
    }
    match native::shell_string_files(dir, &native::app_source_dir()) {
        Ok(files) => {
            let _ = std::fs::create_dir_all(dir.join("i18n/shell"));
            for (path, json) in files {
                if let Err(e) = std::fs::write(dir.join(&path), json) {
                    eprintln!("{path}: {e}");
                    return ExitCode::FAILURE;
                }
                println!("wrote {}", dir.join(path).display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("start-up strings: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The names of the competences the modules list, in the framework's order, for the catalog.
fn competence_names(
    dir: &std::path::Path,
    modules: &[erasmi_core::content::Module],
) -> Result<Vec<erasmi_core::content::CompetenceName>, String> {
    use erasmi_core::content::{CompetenceFramework, CompetenceName};
    let json = std::fs::read_to_string(dir.join("competences.json")).map_err(|e| e.to_string())?;
    let framework = validate::parse::<CompetenceFramework>(&json).map_err(|e| e.to_string())?;
    Ok(framework
        .competences
        .into_iter()
        .filter(|c| modules.iter().any(|m| m.competences.contains(&c.id)))
        .map(|c| CompetenceName {
            id: c.id,
            name: c.name,
        })
        .collect())
}
