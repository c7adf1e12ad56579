public import KioskPluginKit

#if Nutrition
import NutritionPlugin
#endif
#if Guardianship
import GuardianshipPlugin
#endif
#if Allowances
import AllowancesPlugin
#endif
#if CivilRegistration
import CivilRegistrationPlugin
#endif

/// The build-time registry: every plugin this build of kioskd and kioskctl runs, in order.
///
/// Each domain plugin is a package trait, on by default; building with a trait off leaves its plugin
/// out (`swift build --disable-default-traits --traits Nutrition,…`). The host checks this list at
/// start-up: unique ids, no method registered twice.
public enum InstalledPlugins {
    /// The installed plugins, in registration (and migration) order.
    public static var all: [any KioskPlugin.Type] {
        var plugins: [any KioskPlugin.Type] = []
        plugins.reserveCapacity(4)
        #if Nutrition
        plugins.append(NutritionPlugin.self)
        #endif
        #if Guardianship
        plugins.append(GuardianshipPlugin.self)
        #endif
        #if Allowances
        plugins.append(AllowancesPlugin.self)
        #endif
        #if CivilRegistration
        plugins.append(CivilRegistrationPlugin.self)
        #endif
        return plugins
    }
}
