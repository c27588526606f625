//! A hundred components of a hundred scalar metrics each: 10,000 series.

use prometheus_component::prometheus::{Counter, Gauge, IntCounter, IntGauge};
use prometheus_component::{Metrics, Registry};

/// Calls back `$then!` with the hundred fields of a component.
macro_rules! with_fields {
    ($then:ident!($($args:tt)*)) => {
        $then!($($args)* [
            f00_total: IntCounter = inc_by(u64),
            f01_total: Counter = inc_by(f64),
            f02: IntGauge = set(i64),
            f03: Gauge = set(f64),
            f04_total: IntCounter = inc_by(u64),
            f05_total: Counter = inc_by(f64),
            f06: IntGauge = set(i64),
            f07: Gauge = set(f64),
            f08_total: IntCounter = inc_by(u64),
            f09_total: Counter = inc_by(f64),
            f10: IntGauge = set(i64),
            f11: Gauge = set(f64),
            f12_total: IntCounter = inc_by(u64),
            f13_total: Counter = inc_by(f64),
            f14: IntGauge = set(i64),
            f15: Gauge = set(f64),
            f16_total: IntCounter = inc_by(u64),
            f17_total: Counter = inc_by(f64),
            f18: IntGauge = set(i64),
            f19: Gauge = set(f64),
            f20_total: IntCounter = inc_by(u64),
            f21_total: Counter = inc_by(f64),
            f22: IntGauge = set(i64),
            f23: Gauge = set(f64),
            f24_total: IntCounter = inc_by(u64),
            f25_total: Counter = inc_by(f64),
            f26: IntGauge = set(i64),
            f27: Gauge = set(f64),
            f28_total: IntCounter = inc_by(u64),
            f29_total: Counter = inc_by(f64),
            f30: IntGauge = set(i64),
            f31: Gauge = set(f64),
            f32_total: IntCounter = inc_by(u64),
            f33_total: Counter = inc_by(f64),
            f34: IntGauge = set(i64),
            f35: Gauge = set(f64),
            f36_total: IntCounter = inc_by(u64),
            f37_total: Counter = inc_by(f64),
            f38: IntGauge = set(i64),
            f39: Gauge = set(f64),
            f40_total: IntCounter = inc_by(u64),
            f41_total: Counter = inc_by(f64),
            f42: IntGauge = set(i64),
            f43: Gauge = set(f64),
            f44_total: IntCounter = inc_by(u64),
            f45_total: Counter = inc_by(f64),
            f46: IntGauge = set(i64),
            f47: Gauge = set(f64),
            f48_total: IntCounter = inc_by(u64),
            f49_total: Counter = inc_by(f64),
            f50: IntGauge = set(i64),
            f51: Gauge = set(f64),
            f52_total: IntCounter = inc_by(u64),
            f53_total: Counter = inc_by(f64),
            f54: IntGauge = set(i64),
            f55: Gauge = set(f64),
            f56_total: IntCounter = inc_by(u64),
            f57_total: Counter = inc_by(f64),
            f58: IntGauge = set(i64),
            f59: Gauge = set(f64),
            f60_total: IntCounter = inc_by(u64),
            f61_total: Counter = inc_by(f64),
            f62: IntGauge = set(i64),
            f63: Gauge = set(f64),
            f64_total: IntCounter = inc_by(u64),
            f65_total: Counter = inc_by(f64),
            f66: IntGauge = set(i64),
            f67: Gauge = set(f64),
            f68_total: IntCounter = inc_by(u64),
            f69_total: Counter = inc_by(f64),
            f70: IntGauge = set(i64),
            f71: Gauge = set(f64),
            f72_total: IntCounter = inc_by(u64),
            f73_total: Counter = inc_by(f64),
            f74: IntGauge = set(i64),
            f75: Gauge = set(f64),
            f76_total: IntCounter = inc_by(u64),
            f77_total: Counter = inc_by(f64),
            f78: IntGauge = set(i64),
            f79: Gauge = set(f64),
            f80_total: IntCounter = inc_by(u64),
            f81_total: Counter = inc_by(f64),
            f82: IntGauge = set(i64),
            f83: Gauge = set(f64),
            f84_total: IntCounter = inc_by(u64),
            f85_total: Counter = inc_by(f64),
            f86: IntGauge = set(i64),
            f87: Gauge = set(f64),
            f88_total: IntCounter = inc_by(u64),
            f89_total: Counter = inc_by(f64),
            f90: IntGauge = set(i64),
            f91: Gauge = set(f64),
            f92_total: IntCounter = inc_by(u64),
            f93_total: Counter = inc_by(f64),
            f94: IntGauge = set(i64),
            f95: Gauge = set(f64),
            f96_total: IntCounter = inc_by(u64),
            f97_total: Counter = inc_by(f64),
            f98: IntGauge = set(i64),
            f99: Gauge = set(f64),
        ]);
    };
}

/// A component named `$component` with the hundred fields.
macro_rules! scalar_component {
    ($name:ident, $component:literal) => {
        with_fields!(define_component!($name, $component));
    };
}

macro_rules! define_component {
    ($name:ident, $component:literal [$($field:ident: $ty:ty = $set:ident($value:ty),)*]) => {
        /// A hundred scalar series.
        #[derive(Metrics)]
        #[metrics(component = $component, namespace = "scalars")]
        pub struct $name {
            $(
                #[doc = "One series."]
                pub $field: $ty,
            )*
        }

        impl $name {
            /// Sets every series to `base`.
            fn set_all(&self, base: u64) {
                $(self.$field.$set(base as $value);)*
            }
        }
    };
}

scalar_component!(Scalars00, "s00");
scalar_component!(Scalars01, "s01");
scalar_component!(Scalars02, "s02");
scalar_component!(Scalars03, "s03");
scalar_component!(Scalars04, "s04");
scalar_component!(Scalars05, "s05");
scalar_component!(Scalars06, "s06");
scalar_component!(Scalars07, "s07");
scalar_component!(Scalars08, "s08");
scalar_component!(Scalars09, "s09");
scalar_component!(Scalars10, "s10");
scalar_component!(Scalars11, "s11");
scalar_component!(Scalars12, "s12");
scalar_component!(Scalars13, "s13");
scalar_component!(Scalars14, "s14");
scalar_component!(Scalars15, "s15");
scalar_component!(Scalars16, "s16");
scalar_component!(Scalars17, "s17");
scalar_component!(Scalars18, "s18");
scalar_component!(Scalars19, "s19");
scalar_component!(Scalars20, "s20");
scalar_component!(Scalars21, "s21");
scalar_component!(Scalars22, "s22");
scalar_component!(Scalars23, "s23");
scalar_component!(Scalars24, "s24");
scalar_component!(Scalars25, "s25");
scalar_component!(Scalars26, "s26");
scalar_component!(Scalars27, "s27");
scalar_component!(Scalars28, "s28");
scalar_component!(Scalars29, "s29");
scalar_component!(Scalars30, "s30");
scalar_component!(Scalars31, "s31");
scalar_component!(Scalars32, "s32");
scalar_component!(Scalars33, "s33");
scalar_component!(Scalars34, "s34");
scalar_component!(Scalars35, "s35");
scalar_component!(Scalars36, "s36");
scalar_component!(Scalars37, "s37");
scalar_component!(Scalars38, "s38");
scalar_component!(Scalars39, "s39");
scalar_component!(Scalars40, "s40");
scalar_component!(Scalars41, "s41");
scalar_component!(Scalars42, "s42");
scalar_component!(Scalars43, "s43");
scalar_component!(Scalars44, "s44");
scalar_component!(Scalars45, "s45");
scalar_component!(Scalars46, "s46");
scalar_component!(Scalars47, "s47");
scalar_component!(Scalars48, "s48");
scalar_component!(Scalars49, "s49");
scalar_component!(Scalars50, "s50");
scalar_component!(Scalars51, "s51");
scalar_component!(Scalars52, "s52");
scalar_component!(Scalars53, "s53");
scalar_component!(Scalars54, "s54");
scalar_component!(Scalars55, "s55");
scalar_component!(Scalars56, "s56");
scalar_component!(Scalars57, "s57");
scalar_component!(Scalars58, "s58");
scalar_component!(Scalars59, "s59");
scalar_component!(Scalars60, "s60");
scalar_component!(Scalars61, "s61");
scalar_component!(Scalars62, "s62");
scalar_component!(Scalars63, "s63");
scalar_component!(Scalars64, "s64");
scalar_component!(Scalars65, "s65");
scalar_component!(Scalars66, "s66");
scalar_component!(Scalars67, "s67");
scalar_component!(Scalars68, "s68");
scalar_component!(Scalars69, "s69");
scalar_component!(Scalars70, "s70");
scalar_component!(Scalars71, "s71");
scalar_component!(Scalars72, "s72");
scalar_component!(Scalars73, "s73");
scalar_component!(Scalars74, "s74");
scalar_component!(Scalars75, "s75");
scalar_component!(Scalars76, "s76");
scalar_component!(Scalars77, "s77");
scalar_component!(Scalars78, "s78");
scalar_component!(Scalars79, "s79");
scalar_component!(Scalars80, "s80");
scalar_component!(Scalars81, "s81");
scalar_component!(Scalars82, "s82");
scalar_component!(Scalars83, "s83");
scalar_component!(Scalars84, "s84");
scalar_component!(Scalars85, "s85");
scalar_component!(Scalars86, "s86");
scalar_component!(Scalars87, "s87");
scalar_component!(Scalars88, "s88");
scalar_component!(Scalars89, "s89");
scalar_component!(Scalars90, "s90");
scalar_component!(Scalars91, "s91");
scalar_component!(Scalars92, "s92");
scalar_component!(Scalars93, "s93");
scalar_component!(Scalars94, "s94");
scalar_component!(Scalars95, "s95");
scalar_component!(Scalars96, "s96");
scalar_component!(Scalars97, "s97");
scalar_component!(Scalars98, "s98");
scalar_component!(Scalars99, "s99");

/// Registers all hundred components in `registry`, the series of each
/// set to a value of its own.
pub fn register_scalars(registry: &Registry) {
    Scalars00::register(registry).unwrap().set_all(101);
    Scalars01::register(registry).unwrap().set_all(202);
    Scalars02::register(registry).unwrap().set_all(303);
    Scalars03::register(registry).unwrap().set_all(404);
    Scalars04::register(registry).unwrap().set_all(505);
    Scalars05::register(registry).unwrap().set_all(606);
    Scalars06::register(registry).unwrap().set_all(707);
    Scalars07::register(registry).unwrap().set_all(808);
    Scalars08::register(registry).unwrap().set_all(909);
    Scalars09::register(registry).unwrap().set_all(1010);
    Scalars10::register(registry).unwrap().set_all(1111);
    Scalars11::register(registry).unwrap().set_all(1212);
    Scalars12::register(registry).unwrap().set_all(1313);
    Scalars13::register(registry).unwrap().set_all(1414);
    Scalars14::register(registry).unwrap().set_all(1515);
    Scalars15::register(registry).unwrap().set_all(1616);
    Scalars16::register(registry).unwrap().set_all(1717);
    Scalars17::register(registry).unwrap().set_all(1818);
    Scalars18::register(registry).unwrap().set_all(1919);
    Scalars19::register(registry).unwrap().set_all(2020);
    Scalars20::register(registry).unwrap().set_all(2121);
    Scalars21::register(registry).unwrap().set_all(2222);
    Scalars22::register(registry).unwrap().set_all(2323);
    Scalars23::register(registry).unwrap().set_all(2424);
    Scalars24::register(registry).unwrap().set_all(2525);
    Scalars25::register(registry).unwrap().set_all(2626);
    Scalars26::register(registry).unwrap().set_all(2727);
    Scalars27::register(registry).unwrap().set_all(2828);
    Scalars28::register(registry).unwrap().set_all(2929);
    Scalars29::register(registry).unwrap().set_all(3030);
    Scalars30::register(registry).unwrap().set_all(3131);
    Scalars31::register(registry).unwrap().set_all(3232);
    Scalars32::register(registry).unwrap().set_all(3333);
    Scalars33::register(registry).unwrap().set_all(3434);
    Scalars34::register(registry).unwrap().set_all(3535);
    Scalars35::register(registry).unwrap().set_all(3636);
    Scalars36::register(registry).unwrap().set_all(3737);
    Scalars37::register(registry).unwrap().set_all(3838);
    Scalars38::register(registry).unwrap().set_all(3939);
    Scalars39::register(registry).unwrap().set_all(4040);
    Scalars40::register(registry).unwrap().set_all(4141);
    Scalars41::register(registry).unwrap().set_all(4242);
    Scalars42::register(registry).unwrap().set_all(4343);
    Scalars43::register(registry).unwrap().set_all(4444);
    Scalars44::register(registry).unwrap().set_all(4545);
    Scalars45::register(registry).unwrap().set_all(4646);
    Scalars46::register(registry).unwrap().set_all(4747);
    Scalars47::register(registry).unwrap().set_all(4848);
    Scalars48::register(registry).unwrap().set_all(4949);
    Scalars49::register(registry).unwrap().set_all(5050);
    Scalars50::register(registry).unwrap().set_all(5151);
    Scalars51::register(registry).unwrap().set_all(5252);
    Scalars52::register(registry).unwrap().set_all(5353);
    Scalars53::register(registry).unwrap().set_all(5454);
    Scalars54::register(registry).unwrap().set_all(5555);
    Scalars55::register(registry).unwrap().set_all(5656);
    Scalars56::register(registry).unwrap().set_all(5757);
    Scalars57::register(registry).unwrap().set_all(5858);
    Scalars58::register(registry).unwrap().set_all(5959);
    Scalars59::register(registry).unwrap().set_all(6060);
    Scalars60::register(registry).unwrap().set_all(6161);
    Scalars61::register(registry).unwrap().set_all(6262);
    Scalars62::register(registry).unwrap().set_all(6363);
    Scalars63::register(registry).unwrap().set_all(6464);
    Scalars64::register(registry).unwrap().set_all(6565);
    Scalars65::register(registry).unwrap().set_all(6666);
    Scalars66::register(registry).unwrap().set_all(6767);
    Scalars67::register(registry).unwrap().set_all(6868);
    Scalars68::register(registry).unwrap().set_all(6969);
    Scalars69::register(registry).unwrap().set_all(7070);
    Scalars70::register(registry).unwrap().set_all(7171);
    Scalars71::register(registry).unwrap().set_all(7272);
    Scalars72::register(registry).unwrap().set_all(7373);
    Scalars73::register(registry).unwrap().set_all(7474);
    Scalars74::register(registry).unwrap().set_all(7575);
    Scalars75::register(registry).unwrap().set_all(7676);
    Scalars76::register(registry).unwrap().set_all(7777);
    Scalars77::register(registry).unwrap().set_all(7878);
    Scalars78::register(registry).unwrap().set_all(7979);
    Scalars79::register(registry).unwrap().set_all(8080);
    Scalars80::register(registry).unwrap().set_all(8181);
    Scalars81::register(registry).unwrap().set_all(8282);
    Scalars82::register(registry).unwrap().set_all(8383);
    Scalars83::register(registry).unwrap().set_all(8484);
    Scalars84::register(registry).unwrap().set_all(8585);
    Scalars85::register(registry).unwrap().set_all(8686);
    Scalars86::register(registry).unwrap().set_all(8787);
    Scalars87::register(registry).unwrap().set_all(8888);
    Scalars88::register(registry).unwrap().set_all(8989);
    Scalars89::register(registry).unwrap().set_all(9090);
    Scalars90::register(registry).unwrap().set_all(9191);
    Scalars91::register(registry).unwrap().set_all(9292);
    Scalars92::register(registry).unwrap().set_all(9393);
    Scalars93::register(registry).unwrap().set_all(9494);
    Scalars94::register(registry).unwrap().set_all(9595);
    Scalars95::register(registry).unwrap().set_all(9696);
    Scalars96::register(registry).unwrap().set_all(9797);
    Scalars97::register(registry).unwrap().set_all(9898);
    Scalars98::register(registry).unwrap().set_all(9999);
    Scalars99::register(registry).unwrap().set_all(10100);
}
