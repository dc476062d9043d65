//! How the app looks for this device: colour theme and text size. Stored as device-wide settings
//! (`theme`, `text_size`); the app applies them to the document before the first page shows.

/// The colour theme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system's light or dark setting.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    /// Every theme, in the order the settings page offers them.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The stored value, also the `data-theme` attribute and the UI key stem.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme stored as `s`; anything unknown follows the system.
    pub fn parse(s: &str) -> Theme {
        Theme::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .unwrap_or_default()
    }
}

/// The text size, as a share of the browser's own font size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TextSize {
    #[default]
    Normal,
    Large,
    Larger,
}

impl TextSize {
    /// Every size, smallest first.
    pub const ALL: [TextSize; 3] = [TextSize::Normal, TextSize::Large, TextSize::Larger];

    /// The stored value and the UI key stem.
    pub fn as_str(self) -> &'static str {
        match self {
            TextSize::Normal => "normal",
            TextSize::Large => "large",
            TextSize::Larger => "larger",
        }
    }

    /// The size stored as `s`; anything unknown is normal.
    pub fn parse(s: &str) -> TextSize {
        TextSize::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .unwrap_or_default()
    }

    /// The root font size in percent of the browser's (which the learner may have set already).
    pub fn percent(self) -> u16 {
        match self {
            TextSize::Normal => 100,
            TextSize::Large => 115,
            TextSize::Larger => 130,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_values_round_trip_and_unknown_ones_fall_back() {
        for t in Theme::ALL {
            assert_eq!(Theme::parse(t.as_str()), t);
        }
        for s in TextSize::ALL {
            assert_eq!(TextSize::parse(s.as_str()), s);
        }
        assert_eq!(Theme::parse("sepia"), Theme::System);
        assert_eq!(TextSize::parse(""), TextSize::Normal);
        assert!(TextSize::Normal.percent() < TextSize::Large.percent());
        assert!(TextSize::Large.percent() < TextSize::Larger.percent());
    }
}
