import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import write, VENDOR, PAPER
CC = "CodeCarbon 3.3.2 data/hardware/cpu_power.csv"
BZ = "Boavizta boaviztapi data/crowdsourcing/cpu_specs.csv (commit 15878f0)"
BZURL = "https://github.com/Boavizta/boaviztapi/blob/main/boaviztapi/data/crowdsourcing/cpu_specs.csv"
BZL = "AGPL-3.0 (Boavizta boaviztapi data)"
S = {
 'ark': ("Intel ARK product specifications (TDP, cores, launch date), via " + CC, 2024, "https://ark.intel.com/", VENDOR),
 'ark_direct': ("Intel ARK product specifications (TDP, cores, launch date)", 2024, "https://ark.intel.com/", VENDOR),
 'amd': ("AMD EPYC processor specifications (default TDP, cores, launch), via " + CC, 2024, "https://www.amd.com/en/products/processors/server/epyc.html", VENDOR),
 'amd_direct': ("AMD EPYC processor specifications (default TDP, cores, launch)", 2024, "https://www.amd.com/en/products/processors/server/epyc.html", VENDOR),
 'cc_custom': ("Cloud-provider custom SKU TDP as compiled in " + CC + " (no vendor ARK page for custom SKUs)", 2024, "https://github.com/mlco2/codecarbon/blob/master/codecarbon/data/hardware/cpu_power.csv", "MIT (CodeCarbon data)"),
 'bz': ("Boavizta CPU specs, " + BZ + " (TechPowerUp / WikiChip figures)", 2024, BZURL, BZL),
 'wc_skx': ("WikiChip, Skylake (server) microarchitecture: XCC die 694 mm2, 14 nm (also used by Cascade Lake XCC); via Boavizta cpu_manufacture.csv", 2019, "https://en.wikichip.org/wiki/intel/microarchitectures/skylake_(server)#Extreme_Core_Count_.28XCC.29", PAPER),
 'wc_icx': ("WikiChip Fuse, 'Intel Launches 3rd Gen Ice Lake Xeon Scalable' (40-core XCC die ~628 mm2, Intel 10 nm); via Boavizta cpu_manufacture.csv", 2021, "https://fuse.wikichip.org/news/4734/intel-launches-3rd-gen-ice-lake-xeon-scalable/", PAPER),
 'tpu_epyc': ("TechPowerUp CPU database (Zen 2 CCD 74 mm2 x8 + 14 nm IOD 416 mm2; Zen 3 CCD 81 mm2; Zen 4 CCD 72 mm2 + 6 nm IOD 397 mm2), via " + BZ, 2024, "https://www.techpowerup.com/cpu-specs/epyc-7742.c2245", PAPER),
 'tpu_spr': ("TechPowerUp CPU database, Xeon Platinum 8480+ (Sapphire Rapids XCC, 4 tiles x 477 mm2, Intel 7), via " + BZ, 2024, "https://www.techpowerup.com/cpu-specs/xeon-platinum-8480.c2958", PAPER),
 'tpu_emr': ("Intel Xeon Platinum 8570 (Emerald Rapids, 5th Gen Xeon) ARK specifications; die: two tiles, ~763 mm2 each as reported from Intel disclosures (TechPowerUp/SemiAnalysis)", 2023, "https://ark.intel.com/", VENDOR),
 'dgxh100': ("NVIDIA DGX H100/H200 User Guide, hardware overview (2x Intel Xeon Platinum 8480C, 56 cores each, 2.0/3.8 GHz)", 2023, "https://docs.nvidia.com/dgx/dgxh100-user-guide/introduction-to-dgxh100.html", VENDOR),
 'gcp_c3': ("Google Cloud C3 / A3 machine series documentation (4th Gen Xeon Scalable 8481C, Sapphire Rapids)", 2024, "https://cloud.google.com/compute/docs/general-purpose-machines#c3_series", "CC-BY-4.0"),
 'aws_p5': ("AWS EC2 P5 instance page (3rd Gen AMD EPYC 7R13, 192 vCPU)", 2024, "https://aws.amazon.com/ec2/instance-types/p5/", VENDOR),
 'ampere': ("Ampere Altra / Altra Max product briefs (cores, TDP, TSMC 7 nm)", 2022, "https://amperecomputing.com/products/processors", VENDOR),
 'grav3': ("AWS Graviton3 (re:Invent 2021; 64 Neoverse V1 cores, 7 chiplets, TSMC 5 nm) - chiplet areas from SemiAnalysis 'Amazon Graviton 3 uses chiplets', via " + BZ, 2022, "https://www.semianalysis.com/p/amazon-graviton-3-uses-chiplets-and", PAPER),
 'grace': ("NVIDIA Grace CPU Superchip datasheet (144 Arm Neoverse V2 cores, 500 W including LPDDR5X memory, TSMC 4N)", 2023, "https://resources.nvidia.com/en-us-grace-cpu/data-center-datasheet", VENDOR),
}
rows = []; CPUS = []
UNITS = dict(tdp="W", cores="count", die_area="mm2", dies="count", process_node="nm", release_year="year")
def F(v, src, notes="", dist="constant", low=None, high=None):
    return dict(v=v, src=src, notes=notes, dist=dist, low=low, high=high)
def add(cid, vendor, **q):
    CPUS.append(cid)
    for qn in ["tdp", "cores", "die_area", "dies", "process_node", "release_year"]:
        if qn not in q: continue
        f = q[qn]; name, year, url, lic = S[f["src"]]
        rows.append(dict(factor_id=f"cpu.{cid}.{qn}", quantity=qn, cpu=cid, vendor=vendor, value=f["v"], unit=UNITS[qn],
                         low=f["v"] if f["low"] is None else f["low"], high=f["v"] if f["high"] is None else f["high"],
                         distribution=f["dist"], year=year, source=name, url=url, license=lic, notes=f["notes"]))

SKX = lambda note="": F(694, 'wc_skx', "XCC die (used for all SKUs above 18 cores)" + note)
# Intel Sapphire Rapids
SPR_DIE = F(1908, 'tpu_spr', "4 XCC tiles x 477 mm2 (TechPowerUp); Intel has not published tile areas and other estimates are ~400 mm2 per tile, so range 1600-1950 (triangular)", "triangular", 1600, 1950)
add("intel-xeon-platinum-8480-plus", "intel", tdp=F(350, 'ark'), cores=F(56, 'ark_direct'), die_area=SPR_DIE,
    dies=F(4, 'tpu_spr', "4 XCC tiles (EMIB-bridged)"), process_node=F(10, 'tpu_spr', "Intel 7 (10 nm Enhanced SuperFin) recorded as 10"),
    release_year=F(2023, 'ark_direct', "launched Jan 2023"))
add("intel-xeon-platinum-8480c", "intel", tdp=F(350, 'ark_direct', "NVIDIA-custom variant of the 8480+ (same 56 cores/350 W class); not listed by CodeCarbon", "triangular", 330, 350),
    cores=F(56, 'dgxh100'), die_area=SPR_DIE, dies=F(4, 'tpu_spr'), process_node=F(10, 'tpu_spr', "Intel 7 recorded as 10"),
    release_year=F(2023, 'dgxh100'))
add("intel-xeon-platinum-8481c", "intel", tdp=F(350, 'gcp_c3', "ESTIMATE: Google-custom SKU, TDP not published; assumed equal to 8480+ (350 W), range 300-350 (uniform)", "uniform", 300, 350),
    cores=F(56, 'bz', "56 cores per TechPowerUp (via Boavizta); GCP exposes up to 88 vCPU per socket on C3 and 104 vCPU per socket on A3"),
    die_area=SPR_DIE, dies=F(4, 'bz', "4 XCC tiles"), process_node=F(10, 'gcp_c3', "Intel 7 recorded as 10"),
    release_year=F(2023, 'gcp_c3'))
add("intel-xeon-platinum-8570", "intel", tdp=F(350, 'ark_direct'), cores=F(56, 'ark_direct'),
    die_area=F(1526, 'tpu_emr', "ESTIMATE: 2 XCC tiles x ~763 mm2 (reported, not an Intel spec); range 1400-1600 (triangular)", "triangular", 1400, 1600),
    dies=F(2, 'tpu_emr', "2 XCC tiles"), process_node=F(10, 'tpu_emr', "Intel 7 recorded as 10"), release_year=F(2023, 'ark_direct', "launched Dec 2023"))
# Ice Lake
ICX = F(628, 'wc_icx', "40-core XCC die (all Ice Lake-SP SKUs above 26 cores use XCC); die-size from analyst measurement, range +-5% (triangular)", "triangular", 597, 660)
add("intel-xeon-platinum-8380", "intel", tdp=F(270, 'ark'), cores=F(40, 'ark_direct'), die_area=ICX, dies=F(1, 'wc_icx'),
    process_node=F(10, 'wc_icx', "Intel 10 nm SuperFin"), release_year=F(2021, 'ark_direct'))
add("intel-xeon-platinum-8358", "intel", tdp=F(250, 'ark'), cores=F(32, 'ark_direct'), die_area=ICX, dies=F(1, 'wc_icx'),
    process_node=F(10, 'wc_icx', "Intel 10 nm SuperFin"), release_year=F(2021, 'ark_direct'))
add("intel-xeon-gold-6338", "intel", tdp=F(205, 'ark'), cores=F(32, 'ark_direct'), die_area=ICX, dies=F(1, 'wc_icx'),
    process_node=F(10, 'wc_icx', "Intel 10 nm SuperFin"), release_year=F(2021, 'ark_direct'))
# Cascade Lake / Skylake
add("intel-xeon-platinum-8275cl", "intel", tdp=F(240, 'cc_custom', "AWS-custom SKU (p4d, c5.24xlarge)"), cores=F(24, 'bz'),
    die_area=SKX("; Boavizta has no figure for this SKU"), dies=F(1, 'wc_skx'), process_node=F(14, 'wc_skx', "Intel 14 nm"),
    release_year=F(2019, 'ark_direct', "Cascade Lake generation, 2019"))
add("intel-xeon-platinum-8259cl", "intel", tdp=F(210, 'cc_custom', "AWS-custom SKU"), cores=F(24, 'bz'),
    die_area=SKX(), dies=F(1, 'wc_skx'), process_node=F(14, 'wc_skx', "Intel 14 nm"),
    release_year=F(2019, 'ark_direct', "Cascade Lake generation, 2019"))
add("intel-xeon-platinum-8175m", "intel", tdp=F(240, 'cc_custom', "AWS-custom SKU (m5, p3dn)"), cores=F(24, 'bz'),
    die_area=SKX("; Boavizta's regression gives 615.4 mm2, used as the lower bound (triangular 615-694)"),
    dies=F(1, 'wc_skx'), process_node=F(14, 'wc_skx', "Intel 14 nm"), release_year=F(2017, 'ark_direct', "Skylake-SP generation, 2017"))
r = [x for x in rows if x["factor_id"] == "cpu.intel-xeon-platinum-8175m.die_area"][0]; r["low"] = 615.4; r["distribution"] = "triangular"
add("intel-xeon-gold-6248", "intel", tdp=F(150, 'ark'), cores=F(20, 'ark_direct'), die_area=SKX(), dies=F(1, 'wc_skx'),
    process_node=F(14, 'wc_skx', "Intel 14 nm"), release_year=F(2019, 'ark_direct'))
# AMD Rome / Milan / Genoa
ROME = F(1008, 'tpu_epyc', "8 CCD x 74 mm2 (7 nm) + IOD 416 mm2 (GF 14 nm); note Boavizta lists '16x 74 mm2' (1600 mm2) for the 7742, which double-counts: 64-core Rome has 8 CCDs")
add("amd-epyc-7742", "amd", tdp=F(225, 'amd'), cores=F(64, 'amd_direct'), die_area=ROME, dies=F(9, 'tpu_epyc', "8 CCD + 1 IOD"),
    process_node=F(7, 'tpu_epyc', "CCDs TSMC 7 nm; IOD GlobalFoundries 14 nm (416 of 1008 mm2)"), release_year=F(2019, 'amd_direct'))
add("amd-epyc-7v12", "amd", tdp=F(240, 'bz', "Azure-custom Rome SKU; TDP from Boavizta (gadgetversus/xmrig listings), not an AMD publication; range 225-280 (triangular)", "triangular", 225, 280),
    cores=F(64, 'bz'), die_area=ROME, dies=F(9, 'tpu_epyc', "8 CCD + 1 IOD (64-core Rome)"),
    process_node=F(7, 'tpu_epyc', "CCDs 7 nm, IOD 14 nm"), release_year=F(2020, 'bz', "deployed in Azure HBv2/ND A100 v4 from 2020"))
add("amd-epyc-7b12", "amd", tdp=F(240, 'cc_custom', "Google-custom Rome SKU"), cores=F(64, 'bz'), die_area=ROME,
    dies=F(9, 'tpu_epyc', "8 CCD + 1 IOD"), process_node=F(7, 'tpu_epyc', "CCDs 7 nm, IOD 14 nm"), release_year=F(2020, 'bz'))
MILAN = F(1064, 'tpu_epyc', "8 CCD x 81 mm2 (7 nm) + IOD 416 mm2 (GF 12/14 nm)")
add("amd-epyc-7763", "amd", tdp=F(280, 'amd'), cores=F(64, 'amd_direct'), die_area=MILAN, dies=F(9, 'tpu_epyc', "8 CCD + 1 IOD"),
    process_node=F(7, 'tpu_epyc', "CCDs TSMC 7 nm; IOD GF 12 nm (416 of 1064 mm2)"), release_year=F(2021, 'amd_direct'))
add("amd-epyc-7r13", "amd", tdp=F(225, 'cc_custom', "AWS-custom Milan SKU (p5, m6a); not published by AMD; range 225-280 (triangular)", "triangular", 225, 280),
    cores=F(48, 'aws_p5', "p5.48xlarge: 192 vCPU = 2 sockets x 48 cores x 2 threads"),
    die_area=F(1064, 'tpu_epyc', "48-core Milan: 8 CCD (6 cores active) + IOD = 1064 mm2, or 6 CCD + IOD = 902 mm2; CCD count not published; range 902-1064 (triangular, mode 8 CCD as in EPYC 7643)", "triangular", 902, 1064),
    dies=F(9, 'tpu_epyc', "8 CCD + IOD assumed; 6 CCD + IOD (7 dies) possible; range 7-9 (uniform)", "uniform", 7, 9),
    process_node=F(7, 'tpu_epyc', "CCDs 7 nm, IOD 12 nm"), release_year=F(2021, 'bz'))
GENOA96 = F(1261, 'tpu_epyc', "12 CCD x 72 mm2 (TSMC 5 nm) + IOD 397 mm2 (TSMC 6 nm)")
add("amd-epyc-9654", "amd", tdp=F(360, 'amd'), cores=F(96, 'amd_direct'), die_area=GENOA96, dies=F(13, 'tpu_epyc', "12 CCD + 1 IOD"),
    process_node=F(5, 'tpu_epyc', "CCDs TSMC 5 nm; IOD TSMC 6 nm (397 of 1261 mm2)"), release_year=F(2022, 'amd_direct'))
add("amd-epyc-9554", "amd", tdp=F(360, 'amd'), cores=F(64, 'amd_direct'),
    die_area=F(973, 'tpu_epyc', "8 CCD x 72 mm2 (5 nm) + IOD 397 mm2 (6 nm)"), dies=F(9, 'tpu_epyc', "8 CCD + 1 IOD"),
    process_node=F(5, 'tpu_epyc', "CCDs 5 nm; IOD 6 nm"), release_year=F(2022, 'amd_direct'))
add("amd-epyc-9r14", "amd", tdp=F(340, 'bz', "AWS-custom Genoa SKU (m7a/c7a/r7a); TDP not published; Boavizta lists 280 W, EPYC 9654 is 360 W; range 280-400 (uniform, stated assumption)", "uniform", 280, 400),
    cores=F(96, 'bz'), die_area=GENOA96, dies=F(13, 'tpu_epyc', "12 CCD + 1 IOD"),
    process_node=F(5, 'tpu_epyc', "CCDs 5 nm; IOD 6 nm"), release_year=F(2023, 'bz', "AWS instances GA 2023"))
# Arm
add("ampere-altra-q80-30", "ampere", tdp=F(210, 'ampere', "Altra Q80-30: 80 cores at 3.0 GHz; Ampere lists 210 W (some listings 250 W); range 210-250 (uniform)", "uniform", 210, 250),
    cores=F(80, 'ampere'), dies=F(1, 'ampere', "monolithic"), process_node=F(7, 'ampere', "TSMC 7 nm"), release_year=F(2020, 'ampere'))
add("ampere-altra-max-m128-30", "ampere", tdp=F(250, 'bz'), cores=F(128, 'bz'),
    die_area=F(428, 'bz', "428 mm2 as listed by Boavizta (citing the Ampere Altra Max product brief); not independently verified, range +-15% (triangular)", "triangular", 364, 492),
    dies=F(1, 'ampere', "monolithic"), process_node=F(7, 'bz', "TSMC 7 nm"), release_year=F(2022, 'bz'))
add("aws-graviton3", "aws", tdp=F(160, 'grav3', "ESTIMATE: AWS publishes no TDP; SemiAnalysis reported ~100 W, Boavizta uses 220 W; uniform 100-220 (value = midpoint)", "uniform", 100, 220),
    cores=F(64, 'grav3'),
    die_area=F(347.3, 'grav3', "ESTIMATE: sum of compute + 4 DDR5 + 2 PCIe chiplets as compiled by Boavizta from SemiAnalysis; unverified, range 300-600 (triangular)", "triangular", 300, 600),
    dies=F(7, 'grav3', "1 compute die + 4 DDR5 memory-controller dies + 2 PCIe dies"),
    process_node=F(5, 'grav3', "TSMC 5 nm (compute die)"), release_year=F(2021, 'grav3', "announced Nov 2021, GA 2022"))
add("nvidia-grace-superchip", "nvidia", tdp=F(500, 'grace', "module power for 2 CPUs + up to 480 GB LPDDR5X memory (memory power included)"),
    cores=F(144, 'grace', "2 x 72 Neoverse V2 cores"), dies=F(2, 'grace', "two Grace CPU dies"),
    process_node=F(4, 'grace', "TSMC 4N (5 nm-family) recorded as 4"), release_year=F(2023, 'grace'))
write("factors/cpus.csv", ["cpu", "vendor"], rows)
print(len(CPUS), "cpus", len(rows), "rows")
