//! Paths of files inside the data folder (article texts, shards), as the dataset names them.
//!
//! A browser resolves a relative URL with its own rules (WHATWG): it drops tabs and newlines,
//! reads `\` as `/` and `%2e` as `.`, so a check for a literal `..` can be walked around
//! (`%2e%2e/index.html`, `.\t./sw.js`). Instead of predicting that resolution, a data path is
//! held to an allow-list that no browser can turn into anything else: segments of ASCII letters,
//! digits, `_`, `-` and `.`, starting with a letter or digit, separated by single `/`. The loader
//! and the validator use this one rule; the browser side also checks the resolved URL.

/// True when `path` names a file inside the data folder under the allow-list above.
pub fn is_data_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 512
        && path.split('/').all(|seg| {
            seg.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
                && seg.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_relative_paths_pass() {
        for ok in ["articles/a000.txt", "shards/2020-2021.0123456789abcdef.json", "a.txt", "x/y/z_1-2.txt"] {
            assert!(is_data_path(ok), "{ok}");
        }
    }

    #[test]
    fn every_way_out_of_the_folder_is_refused() {
        for bad in [
            "",
            "../index.html",
            "articles/../../sw.js",
            "%2e%2e/index.html",
            ".%2E/sw.js",
            "%2E./manifest.webmanifest",
            ".\t./sw.js",
            ".\n./index.html",
            "..\\sw.js",
            "/etc/passwd",
            "//evil.example/x.json",
            "https://evil.example/x.json",
            "javascript:alert(1)",
            "a//b.txt",
            "a/./b.txt",
            ".hidden",
            "articles/a%2f..%2f..%2fsw.js",
            "articles/a.txt?x=1",
            "articles/a.txt#x",
            "articles/ a.txt",
            "مقالات/a.txt",
        ] {
            assert!(!is_data_path(bad), "{bad:?} passed");
        }
    }
}
